-- [Identity].[UserRoles] and its history, and the global catalogues [Identity].[RolePermissions], [Identity].[Roles] and
-- [Identity].[Permissions]. (The policy names of release 1.0 stay: DacFx refuses at plan time, with
-- DropObjectsNotInSource off as in every profile, a deployment or rollback in which a table moves to a policy the other
-- side lacks. docs/security.md, "Security policies".)
-- - Assignments are readable with assignments.read in the session's tenant. Every write needs assignments.manage in the
--   row's tenant AND a role the session may delegate ([Security].[fn_AssignmentPredicate]: SuperAdmin only by a
--   SuperAdmin or deployment session, any other role only by a session that held every permission of the role when it
--   began). The four block predicates cover every path to a role: assigning (AFTER INSERT); revoking, re-activating or
--   editing an assignment (BEFORE UPDATE checks the row as it is, so an assignment of a role the session may not
--   delegate cannot be touched at all); changing its RoleId or TenantId (AFTER UPDATE checks the row as it becomes; the
--   engine runs it whenever RoleId or TenantId changes); deleting (BEFORE DELETE).
-- - The catalogues are shared by every tenant: grants are readable with grants.read, roles and permissions by everyone
--   (reference data, no tenant's data), and every write needs a SuperAdmin or deployment session holding grants.manage,
--   roles.manage or permissions.manage ([Security].[fn_CataloguePredicate]). Global tables get no AFTER UPDATE
--   predicate: their predicate reads no column, and the engine skips an AFTER UPDATE predicate whose columns did not
--   change; BEFORE UPDATE already refuses the update.
CREATE SECURITY POLICY [Security].[PermissionAccessPolicy]
    ADD FILTER PREDICATE [Security].[fn_TenantPermissionPredicate]([TenantId], 'assignments.read')
        ON [Identity].[UserRoles],
    ADD BLOCK PREDICATE [Security].[fn_AssignmentPredicate]([TenantId], [RoleId], 'assignments.manage')
        ON [Identity].[UserRoles] AFTER INSERT,
    ADD BLOCK PREDICATE [Security].[fn_AssignmentPredicate]([TenantId], [RoleId], 'assignments.manage')
        ON [Identity].[UserRoles] BEFORE UPDATE,
    ADD BLOCK PREDICATE [Security].[fn_AssignmentPredicate]([TenantId], [RoleId], 'assignments.manage')
        ON [Identity].[UserRoles] AFTER UPDATE,
    ADD BLOCK PREDICATE [Security].[fn_AssignmentPredicate]([TenantId], [RoleId], 'assignments.manage')
        ON [Identity].[UserRoles] BEFORE DELETE,
    ADD FILTER PREDICATE [Security].[fn_TenantPermissionPredicate]([TenantId], 'assignments.read')
        ON [History].[UserRoles],
    ADD FILTER PREDICATE [Security].[fn_PermissionPredicate]('grants.read')
        ON [Identity].[RolePermissions],
    ADD BLOCK PREDICATE [Security].[fn_CataloguePredicate]('grants.manage')
        ON [Identity].[RolePermissions] AFTER INSERT,
    ADD BLOCK PREDICATE [Security].[fn_CataloguePredicate]('grants.manage')
        ON [Identity].[RolePermissions] BEFORE UPDATE,
    ADD BLOCK PREDICATE [Security].[fn_CataloguePredicate]('grants.manage')
        ON [Identity].[RolePermissions] BEFORE DELETE,
    ADD BLOCK PREDICATE [Security].[fn_CataloguePredicate]('roles.manage')
        ON [Identity].[Roles] AFTER INSERT,
    ADD BLOCK PREDICATE [Security].[fn_CataloguePredicate]('roles.manage')
        ON [Identity].[Roles] BEFORE UPDATE,
    ADD BLOCK PREDICATE [Security].[fn_CataloguePredicate]('roles.manage')
        ON [Identity].[Roles] BEFORE DELETE,
    ADD BLOCK PREDICATE [Security].[fn_CataloguePredicate]('permissions.manage')
        ON [Identity].[Permissions] AFTER INSERT,
    ADD BLOCK PREDICATE [Security].[fn_CataloguePredicate]('permissions.manage')
        ON [Identity].[Permissions] BEFORE UPDATE,
    ADD BLOCK PREDICATE [Security].[fn_CataloguePredicate]('permissions.manage')
        ON [Identity].[Permissions] BEFORE DELETE
WITH (STATE = ON, SCHEMABINDING = ON);
