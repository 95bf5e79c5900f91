-- The one definition of the canonical session context: the session procedures seal its hash, the predicates recompute it.
-- CONCAT (not +) so that CONCAT_NULL_YIELDS_NULL cannot change the result; TRY_CAST so that a key of an unexpected type
-- hashes to something no seal matches instead of raising an error.
CREATE FUNCTION [Security].[fn_SessionContextHash]()
RETURNS TABLE
WITH SCHEMABINDING
AS
RETURN
SELECT HASHBYTES(
    'SHA2_256',
    CONCAT(
        N'v1',
        N'|', CONVERT(NVARCHAR(64), TRY_CAST(SESSION_CONTEXT(N'Foundation.SessionNonce') AS VARBINARY(32)), 2),
        N'|', TRY_CAST(SESSION_CONTEXT(N'Foundation.UserId') AS BIGINT),
        N'|', TRY_CAST(SESSION_CONTEXT(N'Foundation.TenantId') AS INT),
        N'|', TRY_CAST(SESSION_CONTEXT(N'Foundation.IsSuperAdmin') AS BIT),
        N'|', TRY_CAST(SESSION_CONTEXT(N'Foundation.IsSystem') AS BIT),
        N'|', TRY_CAST(SESSION_CONTEXT(N'Foundation.Permissions') AS NVARCHAR(4000)))) AS [ContextHash];
