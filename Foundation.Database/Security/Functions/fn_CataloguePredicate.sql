-- Writes to the global catalogues ([Identity].[Roles], [Identity].[Permissions], [Identity].[RolePermissions]): they are
-- shared by every tenant, so only a platform session may change them: a deployment (IsSystem) or a SuperAdmin session,
-- holding @PermissionCode. A tenant role that holds roles.manage, permissions.manage or grants.manage gets nothing here.
-- Requires the session's own seal (no resolver bypass): a session without one writes nothing.
CREATE FUNCTION [Security].[fn_CataloguePredicate](@PermissionCode VARCHAR(71))
RETURNS TABLE
WITH SCHEMABINDING
AS
RETURN
SELECT 1 AS [AccessResult]
FROM [Security].[fn_SessionSeal]() AS [seal]
CROSS JOIN [Security].[fn_SessionHasPermission](@PermissionCode) AS [permission]
WHERE [seal].[IsSystem] = 1
    OR [seal].[IsSuperAdmin] = 1;
