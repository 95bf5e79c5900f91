-- Permission-based rule for global tables (no TenantId): a trusted session that holds @PermissionCode,
-- e.g. grants.read to read [Identity].[RolePermissions], roles.manage to write [Identity].[Roles].
CREATE FUNCTION [Security].[fn_PermissionPredicate](@PermissionCode VARCHAR(71))
RETURNS TABLE
WITH SCHEMABINDING
AS
RETURN
SELECT 1 AS [AccessResult]
FROM [Security].[fn_SessionIsTrusted]() AS [trusted]
CROSS JOIN [Security].[fn_SessionHasPermission](@PermissionCode) AS [permission];
