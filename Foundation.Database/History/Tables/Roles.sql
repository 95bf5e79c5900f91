CREATE TABLE [History].[Roles]
(
    [RoleId] INT NOT NULL,
    [Code] VARCHAR(50) NOT NULL,
    [Name] NVARCHAR(100) NOT NULL,
    [Description] NVARCHAR(400) NOT NULL,
    [IsSystem] BIT NOT NULL,
    [Status] VARCHAR(20) NOT NULL,
    [CreatedAt] DATETIME2(7) NOT NULL,
    [UpdatedAt] DATETIME2(7) NOT NULL,
    [ValidTo] DATETIME2(7) NOT NULL
);
GO

-- Period end first, as in the history tables the engine creates: serves FOR SYSTEM_TIME queries and the consistency check.
CREATE CLUSTERED INDEX [IX_History_Roles_ValidTo_UpdatedAt]
    ON [History].[Roles] ([ValidTo], [UpdatedAt]);
GO

EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'Past versions of [Identity].[Roles], written by the engine (system versioning).',
    @level0type = N'SCHEMA', @level0name = N'History', @level1type = N'TABLE', @level1name = N'Roles';
