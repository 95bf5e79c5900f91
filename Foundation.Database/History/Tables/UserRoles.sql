CREATE TABLE [History].[UserRoles]
(
    [UserRoleId] BIGINT NOT NULL,
    [TenantId] INT NOT NULL,
    [UserId] BIGINT NOT NULL,
    [RoleId] INT NOT NULL,
    [AssignedByUserId] BIGINT NULL,
    [AssignedAt] DATETIME2(7) NOT NULL,
    [Status] VARCHAR(20) NOT NULL,
    [RevokedAt] DATETIME2(7) NULL,
    [RevokedByUserId] BIGINT NULL,
    [ExpiresAt] DATETIME2(7) NULL,
    [Reason] NVARCHAR(400) NULL,
    [UpdatedAt] DATETIME2(7) NOT NULL,
    [ValidTo] DATETIME2(7) NOT NULL
);
GO

-- Tenant first, so a row-level security predicate on TenantId stays a seek; then the user and the period.
CREATE CLUSTERED INDEX [IX_History_UserRoles_TenantId_UserId_ValidTo_UpdatedAt]
    ON [History].[UserRoles] ([TenantId], [UserId], [ValidTo], [UpdatedAt]);
GO

EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'Past versions of [Identity].[UserRoles], written by the engine (system versioning).',
    @level0type = N'SCHEMA', @level0name = N'History', @level1type = N'TABLE', @level1name = N'UserRoles';
