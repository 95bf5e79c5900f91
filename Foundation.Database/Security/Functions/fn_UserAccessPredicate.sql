-- User-based rule for [Identity].[Users] and its history: within a tenant visible to the session, a user row is
-- accessible with @PermissionCode (users.read, users.update) for anyone's row, or with @SelfPermissionCode
-- (profile.read, profile.update) for the session's own row. TenantId leads the clustered key, so it stays a seek.
CREATE FUNCTION [Security].[fn_UserAccessPredicate](
    @TenantId INT,
    @UserId BIGINT,
    @PermissionCode VARCHAR(71),
    @SelfPermissionCode VARCHAR(71))
RETURNS TABLE
WITH SCHEMABINDING
AS
RETURN
SELECT 1 AS [AccessResult]
FROM [Security].[fn_TenantAccessPredicate](@TenantId) AS [tenant]
WHERE EXISTS (SELECT 1 FROM [Security].[fn_SessionHasPermission](@PermissionCode))
    OR (
        @UserId = TRY_CAST(SESSION_CONTEXT(N'Foundation.UserId') AS BIGINT)
        AND EXISTS (SELECT 1 FROM [Security].[fn_SessionHasPermission](@SelfPermissionCode)));
