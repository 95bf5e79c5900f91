/*
 TemporalTablesTests: UpdatedAt is maintained by the engine on every system-versioned table of the design contract:
 it is the period start column (GENERATED ALWAYS AS ROW START), the period ends in a HIDDEN ValidTo, and each table
 keeps its history in the History schema. The per-table classes show that UpdatedAt cannot be written.
 A tSQLt test class, created with tSQLt.NewTestClass.
*/
EXEC [tSQLt].[NewTestClass] @ClassName = N'TemporalTablesTests';
GO
CREATE PROCEDURE [TemporalTablesTests].[test UpdatedAt is the period start and ValidTo the hidden period end of every versioned table]
AS
BEGIN
    -- Arrange
    CREATE TABLE #Expected
    (
        [TableName] NVARCHAR(300) NOT NULL,
        [ColumnName] SYSNAME NOT NULL,
        [Generated] NVARCHAR(60) NOT NULL,
        [IsHidden] BIT NOT NULL
    );
    INSERT INTO #Expected ([TableName], [ColumnName], [Generated], [IsHidden])
    VALUES
        (N'[Tenancy].[Tenants]', N'UpdatedAt', N'AS_ROW_START', 0), (N'[Tenancy].[Tenants]', N'ValidTo', N'AS_ROW_END', 1),
        (N'[Identity].[Users]', N'UpdatedAt', N'AS_ROW_START', 0), (N'[Identity].[Users]', N'ValidTo', N'AS_ROW_END', 1),
        (N'[Identity].[Roles]', N'UpdatedAt', N'AS_ROW_START', 0), (N'[Identity].[Roles]', N'ValidTo', N'AS_ROW_END', 1),
        (N'[Identity].[UserRoles]', N'UpdatedAt', N'AS_ROW_START', 0), (N'[Identity].[UserRoles]', N'ValidTo', N'AS_ROW_END', 1);

    -- Act
    SELECT
        QUOTENAME(SCHEMA_NAME([Table].[schema_id])) + N'.' + QUOTENAME([Table].[name]) AS [TableName],
        [Column].[name] AS [ColumnName],
        [Column].[generated_always_type_desc] AS [Generated],
        [Column].[is_hidden] AS [IsHidden]
    INTO #Actual
    FROM [sys].[columns] AS [Column]
    INNER JOIN [sys].[tables] AS [Table] ON [Table].[object_id] = [Column].[object_id]
    WHERE [Column].[generated_always_type] IN (1, 2)
        AND SCHEMA_NAME([Table].[schema_id]) IN (N'Tenancy', N'Identity');

    -- Assert
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [TemporalTablesTests].[test every versioned table keeps its history in the History schema]
AS
BEGIN
    -- Arrange
    CREATE TABLE #Expected ([TableName] NVARCHAR(300) NOT NULL, [HistoryTableName] NVARCHAR(300) NOT NULL);
    INSERT INTO #Expected ([TableName], [HistoryTableName])
    VALUES
        (N'[Tenancy].[Tenants]', N'[History].[Tenants]'),
        (N'[Identity].[Users]', N'[History].[Users]'),
        (N'[Identity].[Roles]', N'[History].[Roles]'),
        (N'[Identity].[UserRoles]', N'[History].[UserRoles]');

    -- Act
    SELECT
        QUOTENAME(SCHEMA_NAME([Current].[schema_id])) + N'.' + QUOTENAME([Current].[name]) AS [TableName],
        QUOTENAME(SCHEMA_NAME([History].[schema_id])) + N'.' + QUOTENAME([History].[name]) AS [HistoryTableName]
    INTO #Actual
    FROM [sys].[tables] AS [Current]
    INNER JOIN [sys].[tables] AS [History] ON [History].[object_id] = [Current].[history_table_id]
    WHERE [Current].[temporal_type] = 2;

    -- Assert
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [TemporalTablesTests].[test an update of a tenant moves the old version to History]
AS
BEGIN
    -- Arrange: security policies, if any, would filter the rows this test reads; dropped inside the test's transaction.
    EXEC [TestSupport].[usp_DropSecurityPolicies];
    INSERT INTO [Tenancy].[Tenants] ([Slug], [Name]) VALUES ('tsqlt-history', N'Before');
    DECLARE @TenantId INT = (SELECT [TenantId] FROM [Tenancy].[Tenants] WHERE [Slug] = 'tsqlt-history');

    -- Act
    UPDATE [Tenancy].[Tenants] SET [Name] = N'After' WHERE [TenantId] = @TenantId;

    -- Assert
    -- Read the history table itself: FOR SYSTEM_TIME hides the zero-length period that an insert and an update
    -- in one transaction (the test's) leave behind.
    SELECT N'History' AS [Version], [Name] INTO #Actual FROM [History].[Tenants] WHERE [TenantId] = @TenantId;
    INSERT INTO #Actual ([Version], [Name]) SELECT N'Current', [Name] FROM [Tenancy].[Tenants] WHERE [TenantId] = @TenantId;
    CREATE TABLE #Expected ([Version] NVARCHAR(7) NOT NULL, [Name] NVARCHAR(200) NOT NULL);
    INSERT INTO #Expected ([Version], [Name]) VALUES (N'History', N'Before'), (N'Current', N'After');
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
