CREATE TABLE [History].[Tenants]
(
    [TenantId] INT NOT NULL,
    [Slug] VARCHAR(63) NOT NULL,
    [Name] NVARCHAR(200) NOT NULL,
    [Status] VARCHAR(20) NOT NULL,
    [CreatedAt] DATETIME2(7) NOT NULL,
    [UpdatedAt] DATETIME2(7) NOT NULL,
    [ValidTo] DATETIME2(7) NOT NULL
);
GO

-- Tenant first, so a row-level security predicate on TenantId stays a seek; then the period, for FOR SYSTEM_TIME queries.
CREATE CLUSTERED INDEX [IX_History_Tenants_TenantId_ValidTo_UpdatedAt]
    ON [History].[Tenants] ([TenantId], [ValidTo], [UpdatedAt]);
GO

EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'Past versions of [Tenancy].[Tenants], written by the engine (system versioning).',
    @level0type = N'SCHEMA', @level0name = N'History', @level1type = N'TABLE', @level1name = N'Tenants';
