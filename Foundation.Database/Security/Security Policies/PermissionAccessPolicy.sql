-- Permission-based rule: assignments (tenant-scoped) and grants are readable with the matching read permission;
-- writes to assignments, grants, roles and permissions need the matching manage permission.
-- The role and permission catalogues stay readable (no filter): they are reference data, not tenant data.
-- Global tables get no AFTER UPDATE predicate: their predicate reads no column, and the engine skips an
-- AFTER UPDATE predicate whose columns did not change; BEFORE UPDATE already refuses the update.
CREATE SECURITY POLICY [Security].[PermissionAccessPolicy]
    ADD FILTER PREDICATE [Security].[fn_TenantPermissionPredicate]([TenantId], 'assignments.read')
        ON [Identity].[UserRoles],
    ADD BLOCK PREDICATE [Security].[fn_TenantPermissionPredicate]([TenantId], 'assignments.manage')
        ON [Identity].[UserRoles] AFTER INSERT,
    ADD BLOCK PREDICATE [Security].[fn_TenantPermissionPredicate]([TenantId], 'assignments.manage')
        ON [Identity].[UserRoles] BEFORE UPDATE,
    ADD BLOCK PREDICATE [Security].[fn_TenantPermissionPredicate]([TenantId], 'assignments.manage')
        ON [Identity].[UserRoles] AFTER UPDATE,
    ADD BLOCK PREDICATE [Security].[fn_TenantPermissionPredicate]([TenantId], 'assignments.manage')
        ON [Identity].[UserRoles] BEFORE DELETE,
    ADD FILTER PREDICATE [Security].[fn_TenantPermissionPredicate]([TenantId], 'assignments.read')
        ON [History].[UserRoles],
    ADD FILTER PREDICATE [Security].[fn_PermissionPredicate]('grants.read')
        ON [Identity].[RolePermissions],
    ADD BLOCK PREDICATE [Security].[fn_PermissionPredicate]('grants.manage')
        ON [Identity].[RolePermissions] AFTER INSERT,
    ADD BLOCK PREDICATE [Security].[fn_PermissionPredicate]('grants.manage')
        ON [Identity].[RolePermissions] BEFORE UPDATE,
    ADD BLOCK PREDICATE [Security].[fn_PermissionPredicate]('grants.manage')
        ON [Identity].[RolePermissions] BEFORE DELETE,
    ADD BLOCK PREDICATE [Security].[fn_PermissionPredicate]('roles.manage')
        ON [Identity].[Roles] AFTER INSERT,
    ADD BLOCK PREDICATE [Security].[fn_PermissionPredicate]('roles.manage')
        ON [Identity].[Roles] BEFORE UPDATE,
    ADD BLOCK PREDICATE [Security].[fn_PermissionPredicate]('roles.manage')
        ON [Identity].[Roles] BEFORE DELETE,
    ADD BLOCK PREDICATE [Security].[fn_PermissionPredicate]('permissions.manage')
        ON [Identity].[Permissions] AFTER INSERT,
    ADD BLOCK PREDICATE [Security].[fn_PermissionPredicate]('permissions.manage')
        ON [Identity].[Permissions] BEFORE UPDATE,
    ADD BLOCK PREDICATE [Security].[fn_PermissionPredicate]('permissions.manage')
        ON [Identity].[Permissions] BEFORE DELETE
WITH (STATE = ON, SCHEMABINDING = ON);
