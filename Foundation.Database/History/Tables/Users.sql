CREATE TABLE [History].[Users]
(
    [UserId] BIGINT NOT NULL,
    [TenantId] INT NOT NULL,
    [Email] NVARCHAR(254) NOT NULL,
    -- Computed in the current table; a plain column here, as in the history tables the engine creates.
    [NormalizedEmail] NVARCHAR(254) NOT NULL,
    [PasswordHash] VARCHAR(256) NULL,
    [DisplayName] NVARCHAR(100) NULL,
    [GivenName] NVARCHAR(100) NULL,
    [FamilyName] NVARCHAR(100) NULL,
    [PhoneNumber] VARCHAR(16) NULL,
    [Locale] VARCHAR(35) NULL,
    [TimeZone] VARCHAR(64) NULL,
    [AvatarUrl] NVARCHAR(2048) NULL,
    [Status] VARCHAR(20) NOT NULL,
    [EmailVerifiedAt] DATETIME2(7) NULL,
    [VerificationTokenHash] VARBINARY(32) NULL,
    [VerificationTokenExpiresAt] DATETIME2(7) NULL,
    [FailedSignInCount] INT NOT NULL,
    [LockoutEndsAt] DATETIME2(7) NULL,
    [LastSignInAt] DATETIME2(7) NULL,
    [CreatedAt] DATETIME2(7) NOT NULL,
    [UpdatedAt] DATETIME2(7) NOT NULL,
    [ValidTo] DATETIME2(7) NOT NULL,
    -- ROWVERSION, as in the current table: DacFx (SQL71609) requires the history column to have the same type; the engine copies the old value.
    [RowVersion] ROWVERSION NOT NULL
);
GO

-- Tenant first, so a row-level security predicate on TenantId stays a seek; then the user and the period.
CREATE CLUSTERED INDEX [IX_History_Users_TenantId_UserId_ValidTo_UpdatedAt]
    ON [History].[Users] ([TenantId], [UserId], [ValidTo], [UpdatedAt]);
GO

EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'Past versions of [Identity].[Users], written by the engine (system versioning). Holds old password hashes: same access rules as the current table.',
    @level0type = N'SCHEMA', @level0name = N'History', @level1type = N'TABLE', @level1name = N'Users';
