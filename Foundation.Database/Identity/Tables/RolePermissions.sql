CREATE TABLE [Identity].[RolePermissions]
(
    [RoleId] INT NOT NULL,
    [PermissionId] INT NOT NULL,
    [GrantedAt] DATETIME2(7) NOT NULL
        CONSTRAINT [DF_Identity_RolePermissions_GrantedAt] DEFAULT (SYSUTCDATETIME()),
    [GrantedByUserId] BIGINT NULL,
    CONSTRAINT [PK_Identity_RolePermissions] PRIMARY KEY CLUSTERED ([RoleId], [PermissionId]),
    CONSTRAINT [FK_Identity_RolePermissions_RoleId_Identity_Roles] FOREIGN KEY ([RoleId])
        REFERENCES [Identity].[Roles] ([RoleId]),
    CONSTRAINT [FK_Identity_RolePermissions_PermissionId_Identity_Permissions] FOREIGN KEY ([PermissionId])
        REFERENCES [Identity].[Permissions] ([PermissionId]),
    CONSTRAINT [FK_Identity_RolePermissions_GrantedByUserId_Identity_Users] FOREIGN KEY ([GrantedByUserId])
        REFERENCES [Identity].[Users] ([UserId])
);
GO

CREATE NONCLUSTERED INDEX [IX_Identity_RolePermissions_PermissionId]
    ON [Identity].[RolePermissions] ([PermissionId]);
GO

CREATE NONCLUSTERED INDEX [IX_Identity_RolePermissions_GrantedByUserId]
    ON [Identity].[RolePermissions] ([GrantedByUserId]);
GO

EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'Which permissions each role holds (global, not tenant-scoped).',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'RolePermissions';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'The user who granted it; NULL when the deployment seed granted it.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'RolePermissions',
    @level2type = N'COLUMN', @level2name = N'GrantedByUserId';
