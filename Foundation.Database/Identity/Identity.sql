CREATE SCHEMA [Identity] AUTHORIZATION [dbo];
GO

EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'Users of each tenant, the global role and permission catalogue, role-permission grants and user-role assignments.',
    @level0type = N'SCHEMA', @level0name = N'Identity';
