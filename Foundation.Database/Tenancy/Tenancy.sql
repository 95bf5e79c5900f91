CREATE SCHEMA [Tenancy] AUTHORIZATION [dbo];
GO

EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'Tenants: the customers of the product. Every tenant-scoped row elsewhere names its tenant by TenantId.',
    @level0type = N'SCHEMA', @level0name = N'Tenancy';
