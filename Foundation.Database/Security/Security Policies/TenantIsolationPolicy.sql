-- Tenant-aware rule on the tenant table and its history. History tables take filter predicates only:
-- with system versioning on, nobody can write them directly, so a block predicate would never run.
CREATE SECURITY POLICY [Security].[TenantIsolationPolicy]
    ADD FILTER PREDICATE [Security].[fn_TenantAccessPredicate]([TenantId])
        ON [Tenancy].[Tenants],
    ADD BLOCK PREDICATE [Security].[fn_TenantPermissionPredicate]([TenantId], 'tenants.create')
        ON [Tenancy].[Tenants] AFTER INSERT,
    ADD BLOCK PREDICATE [Security].[fn_TenantPermissionPredicate]([TenantId], 'tenants.update')
        ON [Tenancy].[Tenants] BEFORE UPDATE,
    ADD BLOCK PREDICATE [Security].[fn_TenantPermissionPredicate]([TenantId], 'tenants.update')
        ON [Tenancy].[Tenants] AFTER UPDATE,
    ADD BLOCK PREDICATE [Security].[fn_TenantPermissionPredicate]([TenantId], 'tenants.delete')
        ON [Tenancy].[Tenants] BEFORE DELETE,
    ADD FILTER PREDICATE [Security].[fn_TenantAccessPredicate]([TenantId])
        ON [History].[Tenants]
WITH (STATE = ON, SCHEMABINDING = ON);
