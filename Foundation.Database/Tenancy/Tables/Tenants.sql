CREATE TABLE [Tenancy].[Tenants]
(
    [TenantId] INT IDENTITY(1, 1) NOT NULL,
    [Slug] VARCHAR(63) NOT NULL,
    [Name] NVARCHAR(200) NOT NULL,
    [Status] VARCHAR(20) NOT NULL
        CONSTRAINT [DF_Tenancy_Tenants_Status] DEFAULT ('Active'),
    [CreatedAt] DATETIME2(7) NOT NULL
        CONSTRAINT [DF_Tenancy_Tenants_CreatedAt] DEFAULT (SYSUTCDATETIME()),
    [UpdatedAt] DATETIME2(7) GENERATED ALWAYS AS ROW START NOT NULL,
    [ValidTo] DATETIME2(7) GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
    PERIOD FOR SYSTEM_TIME ([UpdatedAt], [ValidTo]),
    CONSTRAINT [PK_Tenancy_Tenants] PRIMARY KEY CLUSTERED ([TenantId]),
    CONSTRAINT [UQ_Tenancy_Tenants_Slug] UNIQUE NONCLUSTERED ([Slug]),
    -- DATALENGTH counts trailing spaces, which LEN, LIKE and = ignore.
    CONSTRAINT [CK_Tenancy_Tenants_Slug_Is_3_To_63_Characters_Without_Trailing_Spaces] CHECK (
        DATALENGTH([Slug]) BETWEEN 3 AND 63
        AND LEN([Slug]) = DATALENGTH([Slug])),
    -- The database collation is case-insensitive: a binary collation makes [a-z] mean lower case only.
    CONSTRAINT [CK_Tenancy_Tenants_Slug_Has_Only_Lower_Case_Letters_Digits_And_Hyphens] CHECK (
        [Slug] COLLATE Latin1_General_BIN2 NOT LIKE '%[^a-z0-9-]%'),
    CONSTRAINT [CK_Tenancy_Tenants_Slug_Has_No_Leading_Trailing_Or_Double_Hyphen] CHECK (
        [Slug] NOT LIKE '-%'
        AND [Slug] NOT LIKE '%-'
        AND [Slug] NOT LIKE '%--%'),
    CONSTRAINT [CK_Tenancy_Tenants_Name_Is_Not_Blank] CHECK (LEN([Name]) > 0),
    CONSTRAINT [CK_Tenancy_Tenants_Status_Is_Active_Suspended_Or_Deactivated] CHECK (
        [Status] COLLATE Latin1_General_BIN2 IN ('Active', 'Suspended', 'Deactivated'))
)
WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = [History].[Tenants], DATA_CONSISTENCY_CHECK = ON));
GO

EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'A customer of the product. System-versioned: past versions are in [History].[Tenants].',
    @level0type = N'SCHEMA', @level0name = N'Tenancy', @level1type = N'TABLE', @level1name = N'Tenants';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'URL-safe unique handle: 3 to 63 lower-case letters, digits and single hyphens, no leading or trailing hyphen (a DNS label).',
    @level0type = N'SCHEMA', @level0name = N'Tenancy', @level1type = N'TABLE', @level1name = N'Tenants',
    @level2type = N'COLUMN', @level2name = N'Slug';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'Active: in use. Suspended: temporarily blocked (e.g. billing). Deactivated: closed, kept for audit.',
    @level0type = N'SCHEMA', @level0name = N'Tenancy', @level1type = N'TABLE', @level1name = N'Tenants',
    @level2type = N'COLUMN', @level2name = N'Status';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'UTC time of the last change: the period start column, set by the engine.',
    @level0type = N'SCHEMA', @level0name = N'Tenancy', @level1type = N'TABLE', @level1name = N'Tenants',
    @level2type = N'COLUMN', @level2name = N'UpdatedAt';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'Period end column (HIDDEN): 9999-12-31 for the current row; set by the engine when the row moves to history.',
    @level0type = N'SCHEMA', @level0name = N'Tenancy', @level1type = N'TABLE', @level1name = N'Tenants',
    @level2type = N'COLUMN', @level2name = N'ValidTo';
