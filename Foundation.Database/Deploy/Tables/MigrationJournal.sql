CREATE TABLE [Deploy].[MigrationJournal]
(
    [MigrationId] NVARCHAR(128) NOT NULL,
    [Description] NVARCHAR(400) NOT NULL,
    [Checksum] CHAR(64) NOT NULL,
    [AppliedOrder] INT NOT NULL,
    [AppliedAt] DATETIME2(7) NOT NULL
        CONSTRAINT [DF_Deploy_MigrationJournal_AppliedAt] DEFAULT (SYSUTCDATETIME()),
    [AppliedBy] NVARCHAR(128) NOT NULL
        CONSTRAINT [DF_Deploy_MigrationJournal_AppliedBy] DEFAULT (ORIGINAL_LOGIN()),
    [AppliedInRelease] NVARCHAR(64) NOT NULL,
    [DownScript] NVARCHAR(MAX) NULL,
    [RolledBackAt] DATETIME2(7) NULL,
    [RolledBackBy] NVARCHAR(128) NULL,
    [RolledBackInRelease] NVARCHAR(64) NULL,
    CONSTRAINT [PK_Deploy_MigrationJournal] PRIMARY KEY CLUSTERED ([MigrationId]),
    CONSTRAINT [CK_Deploy_MigrationJournal_Checksum_Is_Sha256_Hex] CHECK (
        [Checksum] COLLATE Latin1_General_BIN2 NOT LIKE '%[^0-9a-f]%'),
    CONSTRAINT [CK_Deploy_MigrationJournal_RolledBackAt_Is_Not_Before_AppliedAt] CHECK ([RolledBackAt] >= [AppliedAt])
);
GO

EXECUTE sp_addextendedproperty
    @name = N'MS_Description', @value = N'Run-once data migrations: one row per migration id, written in the migration''s own transaction. A rollback past a migration runs its DownScript and sets RolledBackAt; applying it again clears it.',
    @level0type = N'SCHEMA', @level0name = N'Deploy', @level1type = N'TABLE', @level1name = N'MigrationJournal';
GO
EXECUTE sp_addextendedproperty
    @name = N'MS_Description', @value = N'Position in the order of application; rollbacks undo in descending order, which is reverse dependency order.',
    @level0type = N'SCHEMA', @level0name = N'Deploy', @level1type = N'TABLE', @level1name = N'MigrationJournal', @level2type = N'COLUMN', @level2name = N'AppliedOrder';
GO
EXECUTE sp_addextendedproperty
    @name = N'MS_Description', @value = N'The down step shipped with the migration, kept so that an older release (which does not know the migration) can undo it.',
    @level0type = N'SCHEMA', @level0name = N'Deploy', @level1type = N'TABLE', @level1name = N'MigrationJournal', @level2type = N'COLUMN', @level2name = N'DownScript';
