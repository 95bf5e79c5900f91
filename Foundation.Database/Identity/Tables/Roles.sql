CREATE TABLE [Identity].[Roles]
(
    [RoleId] INT IDENTITY(1, 1) NOT NULL,
    [Code] VARCHAR(50) NOT NULL,
    [Name] NVARCHAR(100) NOT NULL,
    [Description] NVARCHAR(400) NOT NULL,
    [IsSystem] BIT NOT NULL
        CONSTRAINT [DF_Identity_Roles_IsSystem] DEFAULT (0),
    [Status] VARCHAR(20) NOT NULL
        CONSTRAINT [DF_Identity_Roles_Status] DEFAULT ('Active'),
    [CreatedAt] DATETIME2(7) NOT NULL
        CONSTRAINT [DF_Identity_Roles_CreatedAt] DEFAULT (SYSUTCDATETIME()),
    [UpdatedAt] DATETIME2(7) GENERATED ALWAYS AS ROW START NOT NULL,
    [ValidTo] DATETIME2(7) GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
    PERIOD FOR SYSTEM_TIME ([UpdatedAt], [ValidTo]),
    CONSTRAINT [PK_Identity_Roles] PRIMARY KEY CLUSTERED ([RoleId]),
    CONSTRAINT [UQ_Identity_Roles_Code] UNIQUE NONCLUSTERED ([Code]),
    -- DATALENGTH counts trailing spaces, which LEN, LIKE and = ignore.
    CONSTRAINT [CK_Identity_Roles_Code_Is_Pascal_Case_Letters_And_Digits] CHECK (
        LEN([Code]) = DATALENGTH([Code])
        AND [Code] COLLATE Latin1_General_BIN2 LIKE '[A-Z][A-Za-z0-9]%'
        AND [Code] COLLATE Latin1_General_BIN2 NOT LIKE '%[^A-Za-z0-9]%'),
    CONSTRAINT [CK_Identity_Roles_Name_Is_Not_Blank] CHECK (LEN([Name]) > 0),
    CONSTRAINT [CK_Identity_Roles_Description_Is_Not_Blank] CHECK (LEN([Description]) > 0),
    CONSTRAINT [CK_Identity_Roles_Status_Is_Active_Or_Disabled] CHECK (
        [Status] COLLATE Latin1_General_BIN2 IN ('Active', 'Disabled'))
)
WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = [History].[Roles], DATA_CONSISTENCY_CHECK = ON));
GO

EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'Global catalogue of roles (not tenant-scoped). A role is assigned to a user within a tenant by [Identity].[UserRoles]. System-versioned: past versions are in [History].[Roles].',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Roles';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'Stable PascalCase key that code and seeds refer to, e.g. SuperAdmin, BasicUser.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Roles',
    @level2type = N'COLUMN', @level2name = N'Code';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'1: seeded and owned by the deployment (the post-deployment script keeps its name, description and status as released). 0: added by an operator; never touched by the seed.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Roles',
    @level2type = N'COLUMN', @level2name = N'IsSystem';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'Active: grants its permissions. Disabled: kept, grants nothing.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Roles',
    @level2type = N'COLUMN', @level2name = N'Status';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'UTC time of the last change: the period start column, set by the engine.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Roles',
    @level2type = N'COLUMN', @level2name = N'UpdatedAt';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'Period end column (HIDDEN), set by the engine.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Roles',
    @level2type = N'COLUMN', @level2name = N'ValidTo';
