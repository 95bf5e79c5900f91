CREATE SCHEMA [History] AUTHORIZATION [dbo];
GO

EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'History tables of the system-versioned temporal tables, written only by the engine. Same columns as the current table, no constraints.',
    @level0type = N'SCHEMA', @level0name = N'History';
