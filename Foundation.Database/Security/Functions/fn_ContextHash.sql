-- The one definition of the canonical session context, as values: the session procedures compute the seal from the
-- values they are about to set (before setting them), the predicates recompute it from SESSION_CONTEXT through
-- [Security].[fn_SessionContextHash]. CONCAT (not +) so that CONCAT_NULL_YIELDS_NULL cannot change the result, and a
-- NULL value hashes as an empty field. 'v2': the permission list moved from a key into the seal row (release 1.1).
CREATE FUNCTION [Security].[fn_ContextHash](
    @Nonce VARBINARY(32),
    @UserId BIGINT,
    @TenantId INT,
    @IsSuperAdmin BIT,
    @IsSystem BIT)
RETURNS TABLE
WITH SCHEMABINDING
AS
RETURN
SELECT CAST(HASHBYTES(
    'SHA2_256',
    CONCAT(
        N'v2',
        N'|', CONVERT(NVARCHAR(64), @Nonce, 2),
        N'|', @UserId,
        N'|', @TenantId,
        N'|', @IsSuperAdmin,
        N'|', @IsSystem)) AS BINARY(32)) AS [ContextHash];
