/*
 MigrationJournalTests: the rules of [Deploy].[MigrationJournal], the run-once journal of data migrations.
 The rerun-skip rule itself lives in the generated post-deployment include (obj/Migrations/510-Deploy-DataMigrations.sql,
 not a database object): a migration runs only when no journal row for its id has RolledBackAt NULL, and applying it
 again after a rollback rewrites that one row. These tests cover what the rule relies on (one row per id, a checksum
 that is SHA-256 hex, a rollback after the application) and the state a deployment leaves; the C# integration test
 Deployment_IsANoOp_WhenTheSameDacpacIsPublishedTwice proves that a second publish skips every applied migration.
 [Deploy] tables are global (no row-level security), so no policy stands in FakeTable's way.
 A tSQLt test class, created with tSQLt.NewTestClass.
*/
EXEC [tSQLt].[NewTestClass] @ClassName = N'MigrationJournalTests';
GO
CREATE PROCEDURE [MigrationJournalTests].[test an upper-case checksum is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Deploy].[MigrationJournal]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Deploy].[MigrationJournal]', @ConstraintName = N'CK_Deploy_MigrationJournal_Checksum_Is_Sha256_Hex';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Deploy_MigrationJournal_Checksum_Is_Sha256_Hex%';

    -- Act
    INSERT INTO [Deploy].[MigrationJournal] ([Checksum]) VALUES ('86F971E7E56CF46B9BB0529E642711D61892358088A777325DA2FB5C65B3460E');
END;
GO
CREATE PROCEDURE [MigrationJournalTests].[test a checksum with a character that is not hex is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Deploy].[MigrationJournal]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Deploy].[MigrationJournal]', @ConstraintName = N'CK_Deploy_MigrationJournal_Checksum_Is_Sha256_Hex';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Deploy_MigrationJournal_Checksum_Is_Sha256_Hex%';

    -- Act
    INSERT INTO [Deploy].[MigrationJournal] ([Checksum]) VALUES ('86f971e7e56cf46b9bb0529e642711d61892358088a777325da2fb5c65b3460g');
END;
GO
CREATE PROCEDURE [MigrationJournalTests].[test a lower-case SHA-256 checksum is accepted]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Deploy].[MigrationJournal]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Deploy].[MigrationJournal]', @ConstraintName = N'CK_Deploy_MigrationJournal_Checksum_Is_Sha256_Hex';

    -- Assert (tSQLt fails the test if the act raises any error)
    EXEC [tSQLt].[ExpectNoException];

    -- Act
    INSERT INTO [Deploy].[MigrationJournal] ([Checksum]) VALUES ('86f971e7e56cf46b9bb0529e642711d61892358088a777325da2fb5c65b3460e');
END;
GO
CREATE PROCEDURE [MigrationJournalTests].[test a rollback recorded before the application is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Deploy].[MigrationJournal]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Deploy].[MigrationJournal]', @ConstraintName = N'CK_Deploy_MigrationJournal_RolledBackAt_Is_Not_Before_AppliedAt';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Deploy_MigrationJournal_RolledBackAt_Is_Not_Before_AppliedAt%';

    -- Act
    INSERT INTO [Deploy].[MigrationJournal] ([AppliedAt], [RolledBackAt]) VALUES ('2025-03-01', '2025-02-28');
END;
GO
CREATE PROCEDURE [MigrationJournalTests].[test a rollback at the time of the application is accepted]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Deploy].[MigrationJournal]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Deploy].[MigrationJournal]', @ConstraintName = N'CK_Deploy_MigrationJournal_RolledBackAt_Is_Not_Before_AppliedAt';

    -- Assert (tSQLt fails the test if the act raises any error)
    EXEC [tSQLt].[ExpectNoException];

    -- Act
    INSERT INTO [Deploy].[MigrationJournal] ([AppliedAt], [RolledBackAt]) VALUES ('2025-03-01', '2025-03-01');
END;
GO
CREATE PROCEDURE [MigrationJournalTests].[test a migration cannot be journalled twice]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Deploy].[MigrationJournal]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Deploy].[MigrationJournal]', @ConstraintName = N'PK_Deploy_MigrationJournal';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 2627, @ExpectedMessagePattern = N'%PK_Deploy_MigrationJournal%';

    -- Act
    INSERT INTO [Deploy].[MigrationJournal] ([MigrationId]) VALUES (N'0001-backfill-user-display-names');
    INSERT INTO [Deploy].[MigrationJournal] ([MigrationId]) VALUES (N'0001-backfill-user-display-names');
END;
GO
CREATE PROCEDURE [MigrationJournalTests].[test a journal row records when and by whom it was applied by default]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Deploy].[MigrationJournal]', @Defaults = 1;
    CREATE TABLE #Expected ([MigrationId] NVARCHAR(128) NOT NULL, [AppliedBy] NVARCHAR(128) NOT NULL, [AppliedToday] BIT NOT NULL);
    INSERT INTO #Expected ([MigrationId], [AppliedBy], [AppliedToday]) VALUES (N'0001-backfill-user-display-names', ORIGINAL_LOGIN(), 1);

    -- Act
    INSERT INTO [Deploy].[MigrationJournal] ([MigrationId], [Description], [Checksum], [AppliedOrder], [AppliedInRelease])
    VALUES (N'0001-backfill-user-display-names', N'Backfill.', '86f971e7e56cf46b9bb0529e642711d61892358088a777325da2fb5c65b3460e', 1, N'1.0.0');

    -- Assert
    SELECT [MigrationId], [AppliedBy], CAST(IIF([AppliedAt] > DATEADD(MINUTE, -5, SYSUTCDATETIME()), 1, 0) AS BIT) AS [AppliedToday]
    INTO #Actual
    FROM [Deploy].[MigrationJournal];
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [MigrationJournalTests].[test the deployed journal gives each applied migration its own application order]
AS
BEGIN
    -- Arrange: the journal this database's deployment wrote (rollbacks undo in descending AppliedOrder)

    -- Act
    SELECT [AppliedOrder], COUNT(*) AS [Migrations]
    INTO #Actual
    FROM [Deploy].[MigrationJournal]
    GROUP BY [AppliedOrder]
    HAVING COUNT(*) > 1;

    -- Assert
    EXEC [tSQLt].[AssertEmptyTable] @TableName = N'#Actual';
END;
GO
