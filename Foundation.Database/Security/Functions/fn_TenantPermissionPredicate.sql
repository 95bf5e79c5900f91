-- Tenant-aware and permission-based: the row's tenant is visible to the session (see fn_TenantAccessPredicate)
-- and the session holds @PermissionCode, e.g. assignments.manage for a write to [Identity].[UserRoles].
CREATE FUNCTION [Security].[fn_TenantPermissionPredicate](@TenantId INT, @PermissionCode VARCHAR(71))
RETURNS TABLE
WITH SCHEMABINDING
AS
RETURN
SELECT 1 AS [AccessResult]
FROM [Security].[fn_TenantAccessPredicate](@TenantId) AS [tenant]
CROSS JOIN [Security].[fn_SessionHasPermission](@PermissionCode) AS [permission];
