-- User-based rule: a user reads and updates their own row (profile.read, profile.update); users.read, users.update,
-- users.create and users.delete extend that to every user of the session's tenant. AFTER UPDATE also stops a row
-- from being moved into another tenant. History keeps old password hashes: same read rule as the current table.
CREATE SECURITY POLICY [Security].[UserAccessPolicy]
    ADD FILTER PREDICATE [Security].[fn_UserAccessPredicate]([TenantId], [UserId], 'users.read', 'profile.read')
        ON [Identity].[Users],
    ADD BLOCK PREDICATE [Security].[fn_TenantPermissionPredicate]([TenantId], 'users.create')
        ON [Identity].[Users] AFTER INSERT,
    ADD BLOCK PREDICATE [Security].[fn_UserAccessPredicate]([TenantId], [UserId], 'users.update', 'profile.update')
        ON [Identity].[Users] BEFORE UPDATE,
    ADD BLOCK PREDICATE [Security].[fn_UserAccessPredicate]([TenantId], [UserId], 'users.update', 'profile.update')
        ON [Identity].[Users] AFTER UPDATE,
    ADD BLOCK PREDICATE [Security].[fn_TenantPermissionPredicate]([TenantId], 'users.delete')
        ON [Identity].[Users] BEFORE DELETE,
    ADD FILTER PREDICATE [Security].[fn_UserAccessPredicate]([TenantId], [UserId], 'users.read', 'profile.read')
        ON [History].[Users]
WITH (STATE = ON, SCHEMABINDING = ON);
