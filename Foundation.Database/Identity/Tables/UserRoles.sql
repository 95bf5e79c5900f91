CREATE TABLE [Identity].[UserRoles]
(
    [UserRoleId] BIGINT IDENTITY(1, 1) NOT NULL,
    [TenantId] INT NOT NULL,
    [UserId] BIGINT NOT NULL,
    [RoleId] INT NOT NULL,
    [AssignedByUserId] BIGINT NULL,
    [AssignedAt] DATETIME2(7) NOT NULL
        CONSTRAINT [DF_Identity_UserRoles_AssignedAt] DEFAULT (SYSUTCDATETIME()),
    [Status] VARCHAR(20) NOT NULL
        CONSTRAINT [DF_Identity_UserRoles_Status] DEFAULT ('Active'),
    [RevokedAt] DATETIME2(7) NULL,
    [RevokedByUserId] BIGINT NULL,
    [ExpiresAt] DATETIME2(7) NULL,
    [Reason] NVARCHAR(400) NULL,
    [UpdatedAt] DATETIME2(7) GENERATED ALWAYS AS ROW START NOT NULL,
    [ValidTo] DATETIME2(7) GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
    PERIOD FOR SYSTEM_TIME ([UpdatedAt], [ValidTo]),
    CONSTRAINT [PK_Identity_UserRoles] PRIMARY KEY NONCLUSTERED ([UserRoleId]),
    -- (TenantId, UserId) names a user of this very tenant: an assignment cannot point across tenants.
    CONSTRAINT [FK_Identity_UserRoles_TenantId_UserId_Identity_Users] FOREIGN KEY ([TenantId], [UserId])
        REFERENCES [Identity].[Users] ([TenantId], [UserId]),
    CONSTRAINT [FK_Identity_UserRoles_RoleId_Identity_Roles] FOREIGN KEY ([RoleId])
        REFERENCES [Identity].[Roles] ([RoleId]),
    CONSTRAINT [FK_Identity_UserRoles_AssignedByUserId_Identity_Users] FOREIGN KEY ([AssignedByUserId])
        REFERENCES [Identity].[Users] ([UserId]),
    CONSTRAINT [FK_Identity_UserRoles_RevokedByUserId_Identity_Users] FOREIGN KEY ([RevokedByUserId])
        REFERENCES [Identity].[Users] ([UserId]),
    CONSTRAINT [CK_Identity_UserRoles_Status_Is_Active_Revoked_Expired_Or_Suspended] CHECK (
        [Status] COLLATE Latin1_General_BIN2 IN ('Active', 'Revoked', 'Expired', 'Suspended')),
    -- RevokedByUserId may stay NULL on a revoked assignment: NULL means the system revoked it (as AssignedByUserId NULL means the system assigned it).
    CONSTRAINT [CK_Identity_UserRoles_Revoked_Assignment_Has_RevokedAt_And_Others_Have_No_Revocation] CHECK (
        ([Status] = 'Revoked' AND [RevokedAt] IS NOT NULL)
        OR ([Status] <> 'Revoked' AND [RevokedAt] IS NULL AND [RevokedByUserId] IS NULL)),
    CONSTRAINT [CK_Identity_UserRoles_RevokedAt_Is_Not_Before_AssignedAt] CHECK ([RevokedAt] >= [AssignedAt]),
    CONSTRAINT [CK_Identity_UserRoles_ExpiresAt_Is_After_AssignedAt] CHECK ([ExpiresAt] > [AssignedAt]),
    CONSTRAINT [CK_Identity_UserRoles_Expired_Assignment_Has_ExpiresAt] CHECK ([Status] <> 'Expired' OR [ExpiresAt] IS NOT NULL),
    CONSTRAINT [CK_Identity_UserRoles_Reason_Is_Null_Or_Not_Blank] CHECK (LEN([Reason]) > 0)
)
WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = [History].[UserRoles], DATA_CONSISTENCY_CHECK = ON));
GO

-- Clustered on the tenant, then the user: a user's assignments and a tenant's assignments are range seeks, the RLS predicate
-- on TenantId stays a seek, and it supports the (TenantId, UserId) foreign key.
CREATE UNIQUE CLUSTERED INDEX [IX_Identity_UserRoles_TenantId_UserId_UserRoleId]
    ON [Identity].[UserRoles] ([TenantId], [UserId], [UserRoleId]);
GO

-- At most one Active assignment of a role to a user in a tenant. Also serves "a user's active roles" and "a tenant's active assignments".
CREATE UNIQUE NONCLUSTERED INDEX [IX_Identity_UserRoles_TenantId_UserId_RoleId_Active]
    ON [Identity].[UserRoles] ([TenantId], [UserId], [RoleId])
    INCLUDE ([ExpiresAt])
    WHERE [Status] = 'Active';
GO

CREATE NONCLUSTERED INDEX [IX_Identity_UserRoles_RoleId]
    ON [Identity].[UserRoles] ([RoleId]);
GO

CREATE NONCLUSTERED INDEX [IX_Identity_UserRoles_AssignedByUserId]
    ON [Identity].[UserRoles] ([AssignedByUserId]);
GO

CREATE NONCLUSTERED INDEX [IX_Identity_UserRoles_RevokedByUserId]
    ON [Identity].[UserRoles] ([RevokedByUserId]);
GO

EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'Assignment of a role to a user within the user''s tenant, with its life cycle. System-versioned: past versions are in [History].[UserRoles].',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'UserRoles';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'The user who assigned the role; NULL when the system assigned it.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'UserRoles',
    @level2type = N'COLUMN', @level2name = N'AssignedByUserId';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'Active: in force (until ExpiresAt, if set). Revoked: withdrawn (RevokedAt set). Expired: ran out (ExpiresAt set). Suspended: paused. At most one Active row per tenant, user and role.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'UserRoles',
    @level2type = N'COLUMN', @level2name = N'Status';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'UTC time of revocation: present exactly when Status is Revoked, not before AssignedAt.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'UserRoles',
    @level2type = N'COLUMN', @level2name = N'RevokedAt';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'The user who revoked the role; NULL when the system revoked it, and always NULL unless Status is Revoked.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'UserRoles',
    @level2type = N'COLUMN', @level2name = N'RevokedByUserId';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'UTC end of the assignment, after AssignedAt; NULL = no end. Required when Status is Expired.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'UserRoles',
    @level2type = N'COLUMN', @level2name = N'ExpiresAt';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'UTC time of the last change: the period start column, set by the engine.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'UserRoles',
    @level2type = N'COLUMN', @level2name = N'UpdatedAt';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'Period end column (HIDDEN), set by the engine.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'UserRoles',
    @level2type = N'COLUMN', @level2name = N'ValidTo';
