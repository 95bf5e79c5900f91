-- Writes to [Identity].[UserRoles] (assign, revoke, re-activate, change the role, user or tenant; the row before and
-- after): the tenant is the session's (fn_TenantPermissionPredicate, with @PermissionCode = assignments.manage), and the
-- session may delegate the role. A deployment or SuperAdmin session may delegate every role; any other session only the
-- roles listed in its seal (AssignableRoleIds): roles other than SuperAdmin whose every permission the session held when
-- it began (resolved by [Security].[usp_ResolveSessionUser], which sees every grant). The list is positive: a role that
-- is not in it (a role created later, or a grant the session could not see) is refused, so a missing row only narrows.
CREATE FUNCTION [Security].[fn_AssignmentPredicate](@TenantId INT, @RoleId INT, @PermissionCode VARCHAR(71))
RETURNS TABLE
WITH SCHEMABINDING
AS
RETURN
SELECT 1 AS [AccessResult]
FROM [Security].[fn_TenantPermissionPredicate](@TenantId, @PermissionCode) AS [tenant]
CROSS JOIN [Security].[fn_SessionSeal]() AS [seal]
WHERE [seal].[IsSystem] = 1
    OR [seal].[IsSuperAdmin] = 1
    OR CHARINDEX(CONCAT('|', @RoleId, '|'), [seal].[AssignableRoleIds]) > 0;
