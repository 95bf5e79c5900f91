CREATE TABLE [Identity].[Permissions]
(
    [PermissionId] INT IDENTITY(1, 1) NOT NULL,
    [Code] VARCHAR(71) NOT NULL,
    [Category] VARCHAR(50) NOT NULL,
    [Action] VARCHAR(20) NOT NULL,
    [Description] NVARCHAR(400) NOT NULL,
    [IsSystem] BIT NOT NULL
        CONSTRAINT [DF_Identity_Permissions_IsSystem] DEFAULT (0),
    [CreatedAt] DATETIME2(7) NOT NULL
        CONSTRAINT [DF_Identity_Permissions_CreatedAt] DEFAULT (SYSUTCDATETIME()),
    CONSTRAINT [PK_Identity_Permissions] PRIMARY KEY CLUSTERED ([PermissionId]),
    CONSTRAINT [UQ_Identity_Permissions_Code] UNIQUE NONCLUSTERED ([Code]),
    -- Binary collation: [a-z] means lower case only and = is case-sensitive. DATALENGTH counts the trailing spaces that LEN, LIKE and = ignore.
    CONSTRAINT [CK_Identity_Permissions_Category_Is_Lower_Case_Letters] CHECK (
        LEN([Category]) = DATALENGTH([Category])
        AND [Category] COLLATE Latin1_General_BIN2 LIKE '[a-z]%'
        AND [Category] COLLATE Latin1_General_BIN2 NOT LIKE '%[^a-z]%'),
    CONSTRAINT [CK_Identity_Permissions_Action_Is_Read_Create_Update_Delete_Or_Manage] CHECK (
        LEN([Action]) = DATALENGTH([Action])
        AND [Action] COLLATE Latin1_General_BIN2 IN ('read', 'create', 'update', 'delete', 'manage')),
    CONSTRAINT [CK_Identity_Permissions_Code_Is_Category_Dot_Action] CHECK (
        LEN([Code]) = DATALENGTH([Code])
        AND [Code] COLLATE Latin1_General_BIN2 = [Category] + '.' + [Action]),
    CONSTRAINT [CK_Identity_Permissions_Description_Is_Not_Blank] CHECK (LEN([Description]) > 0)
);
GO

EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'Global catalogue of permissions (not tenant-scoped), granted to roles by [Identity].[RolePermissions].',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Permissions';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'<category>.<action>, lower case, e.g. users.read; always equal to Category + ''.'' + Action.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Permissions',
    @level2type = N'COLUMN', @level2name = N'Code';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'What the permission is about, lower-case letters: tenants, users, roles, permissions, assignments, grants, audit, profile.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Permissions',
    @level2type = N'COLUMN', @level2name = N'Category';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'The permission type: read, create, update, delete or manage.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Permissions',
    @level2type = N'COLUMN', @level2name = N'Action';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'1: seeded and owned by the deployment (the post-deployment script keeps its description as released). 0: added by an operator; never touched or deleted by the seed.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Permissions',
    @level2type = N'COLUMN', @level2name = N'IsSystem';
