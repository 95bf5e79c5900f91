-- The hash of the context this session holds now: [Security].[fn_ContextHash] over the SESSION_CONTEXT keys. TRY_CAST,
-- so that a key of an unexpected type hashes to something no seal matches instead of raising an error.
CREATE FUNCTION [Security].[fn_SessionContextHash]()
RETURNS TABLE
WITH SCHEMABINDING
AS
RETURN
SELECT [context].[ContextHash]
FROM [Security].[fn_ContextHash](
    TRY_CAST(SESSION_CONTEXT(N'Foundation.SessionNonce') AS VARBINARY(32)),
    TRY_CAST(SESSION_CONTEXT(N'Foundation.UserId') AS BIGINT),
    TRY_CAST(SESSION_CONTEXT(N'Foundation.TenantId') AS INT),
    TRY_CAST(SESSION_CONTEXT(N'Foundation.IsSuperAdmin') AS BIT),
    TRY_CAST(SESSION_CONTEXT(N'Foundation.IsSystem') AS BIT)) AS [context];
