CREATE SCHEMA [Monitoring] AUTHORIZATION [dbo];
GO

EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'Read-only monitoring procedures over Query Store and the index DMVs, executable by the FoundationMonitoring role (EXECUTE only); they carry their permissions by certificate signature (post-deployment 070).',
    @level0type = N'SCHEMA', @level0name = N'Monitoring';
