/*
 TenantsTests: the rules of [Tenancy].[Tenants]: slug shape and uniqueness, name, status, and UpdatedAt kept by the engine.
 A tSQLt test class, created with tSQLt.NewTestClass.
 Deploy with Install.sql; run with EXEC [tSQLt].[Run] N'TenantsTests';
*/
EXEC [tSQLt].[NewTestClass] @ClassName = N'TenantsTests';
GO
CREATE PROCEDURE [TenantsTests].[SetUp]
AS
BEGIN
    EXEC [TestSupport].[usp_DropSecurityPolicies];
END;
GO
CREATE PROCEDURE [TenantsTests].[test a slug shorter than 3 characters is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Tenancy].[Tenants]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Tenancy].[Tenants]', @ConstraintName = N'CK_Tenancy_Tenants_Slug_Is_3_To_63_Characters_Without_Trailing_Spaces';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Tenancy_Tenants_Slug_Is_3_To_63_Characters_Without_Trailing_Spaces%';

    -- Act
    INSERT INTO [Tenancy].[Tenants] ([Slug]) VALUES ('ab');
END;
GO
CREATE PROCEDURE [TenantsTests].[test a slug with a trailing space is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Tenancy].[Tenants]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Tenancy].[Tenants]', @ConstraintName = N'CK_Tenancy_Tenants_Slug_Is_3_To_63_Characters_Without_Trailing_Spaces';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Tenancy_Tenants_Slug_Is_3_To_63_Characters_Without_Trailing_Spaces%';

    -- Act
    INSERT INTO [Tenancy].[Tenants] ([Slug]) VALUES ('acme ');
END;
GO
CREATE PROCEDURE [TenantsTests].[test a slug with an upper-case letter is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Tenancy].[Tenants]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Tenancy].[Tenants]', @ConstraintName = N'CK_Tenancy_Tenants_Slug_Has_Only_Lower_Case_Letters_Digits_And_Hyphens';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Tenancy_Tenants_Slug_Has_Only_Lower_Case_Letters_Digits_And_Hyphens%';

    -- Act
    INSERT INTO [Tenancy].[Tenants] ([Slug]) VALUES ('Acme');
END;
GO
CREATE PROCEDURE [TenantsTests].[test a slug with an underscore is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Tenancy].[Tenants]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Tenancy].[Tenants]', @ConstraintName = N'CK_Tenancy_Tenants_Slug_Has_Only_Lower_Case_Letters_Digits_And_Hyphens';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Tenancy_Tenants_Slug_Has_Only_Lower_Case_Letters_Digits_And_Hyphens%';

    -- Act
    INSERT INTO [Tenancy].[Tenants] ([Slug]) VALUES ('acme_corp');
END;
GO
CREATE PROCEDURE [TenantsTests].[test a slug with a leading hyphen is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Tenancy].[Tenants]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Tenancy].[Tenants]', @ConstraintName = N'CK_Tenancy_Tenants_Slug_Has_No_Leading_Trailing_Or_Double_Hyphen';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Tenancy_Tenants_Slug_Has_No_Leading_Trailing_Or_Double_Hyphen%';

    -- Act
    INSERT INTO [Tenancy].[Tenants] ([Slug]) VALUES ('-acme');
END;
GO
CREATE PROCEDURE [TenantsTests].[test a slug with a double hyphen is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Tenancy].[Tenants]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Tenancy].[Tenants]', @ConstraintName = N'CK_Tenancy_Tenants_Slug_Has_No_Leading_Trailing_Or_Double_Hyphen';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Tenancy_Tenants_Slug_Has_No_Leading_Trailing_Or_Double_Hyphen%';

    -- Act
    INSERT INTO [Tenancy].[Tenants] ([Slug]) VALUES ('acme--corp');
END;
GO
CREATE PROCEDURE [TenantsTests].[test well-formed slugs are accepted]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Tenancy].[Tenants]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Tenancy].[Tenants]', @ConstraintName = N'CK_Tenancy_Tenants_Slug_Is_3_To_63_Characters_Without_Trailing_Spaces';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Tenancy].[Tenants]', @ConstraintName = N'CK_Tenancy_Tenants_Slug_Has_Only_Lower_Case_Letters_Digits_And_Hyphens';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Tenancy].[Tenants]', @ConstraintName = N'CK_Tenancy_Tenants_Slug_Has_No_Leading_Trailing_Or_Double_Hyphen';

    -- Assert (tSQLt fails the test if the act raises any error)
    EXEC [tSQLt].[ExpectNoException];

    -- Act
    INSERT INTO [Tenancy].[Tenants] ([Slug]) VALUES ('abc'), ('acme-corp-2'), ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
END;
GO
CREATE PROCEDURE [TenantsTests].[test a blank name is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Tenancy].[Tenants]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Tenancy].[Tenants]', @ConstraintName = N'CK_Tenancy_Tenants_Name_Is_Not_Blank';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Tenancy_Tenants_Name_Is_Not_Blank%';

    -- Act
    INSERT INTO [Tenancy].[Tenants] ([Name]) VALUES (N'   ');
END;
GO
CREATE PROCEDURE [TenantsTests].[test an unknown status is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Tenancy].[Tenants]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Tenancy].[Tenants]', @ConstraintName = N'CK_Tenancy_Tenants_Status_Is_Active_Suspended_Or_Deactivated';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Tenancy_Tenants_Status_Is_Active_Suspended_Or_Deactivated%';

    -- Act
    INSERT INTO [Tenancy].[Tenants] ([Status]) VALUES ('Archived');
END;
GO
CREATE PROCEDURE [TenantsTests].[test a status in the wrong letter case is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Tenancy].[Tenants]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Tenancy].[Tenants]', @ConstraintName = N'CK_Tenancy_Tenants_Status_Is_Active_Suspended_Or_Deactivated';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Tenancy_Tenants_Status_Is_Active_Suspended_Or_Deactivated%';

    -- Act
    INSERT INTO [Tenancy].[Tenants] ([Status]) VALUES ('active');
END;
GO
CREATE PROCEDURE [TenantsTests].[test every documented status is accepted]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Tenancy].[Tenants]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Tenancy].[Tenants]', @ConstraintName = N'CK_Tenancy_Tenants_Status_Is_Active_Suspended_Or_Deactivated';

    -- Assert (tSQLt fails the test if the act raises any error)
    EXEC [tSQLt].[ExpectNoException];

    -- Act
    INSERT INTO [Tenancy].[Tenants] ([Status]) VALUES ('Active'), ('Suspended'), ('Deactivated');
END;
GO
CREATE PROCEDURE [TenantsTests].[test two tenants cannot share a slug]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Tenancy].[Tenants]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Tenancy].[Tenants]', @ConstraintName = N'UQ_Tenancy_Tenants_Slug';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 2627, @ExpectedMessagePattern = N'%UQ_Tenancy_Tenants_Slug%';

    -- Act
    INSERT INTO [Tenancy].[Tenants] ([TenantId], [Slug]) VALUES (1, 'acme'), (2, 'acme');
END;
GO
CREATE PROCEDURE [TenantsTests].[test a new tenant is Active by default and stamped with UpdatedAt by the engine]
AS
BEGIN
    -- Arrange
    DECLARE @Before DATETIME2(7) = DATEADD(MINUTE, -5, SYSUTCDATETIME());

    -- Act
    INSERT INTO [Tenancy].[Tenants] ([Slug], [Name]) VALUES ('tsqlt-default-tenant', N'Default tenant');

    -- Assert
    SELECT [Status], CAST(CASE WHEN [UpdatedAt] BETWEEN @Before AND SYSUTCDATETIME() THEN 1 ELSE 0 END AS BIT) AS [UpdatedAtIsRecent]
    INTO #Actual
    FROM [Tenancy].[Tenants]
    WHERE [Slug] = 'tsqlt-default-tenant';
    CREATE TABLE #Expected ([Status] VARCHAR(20) NOT NULL, [UpdatedAtIsRecent] BIT NOT NULL);
    INSERT INTO #Expected ([Status], [UpdatedAtIsRecent]) VALUES ('Active', 1);
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [TenantsTests].[test UpdatedAt cannot be written by an update]
AS
BEGIN
    -- Arrange
    INSERT INTO [Tenancy].[Tenants] ([Slug], [Name]) VALUES ('tsqlt-updatedat', N'UpdatedAt tenant');

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedMessagePattern = N'%GENERATED ALWAYS%';

    -- Act
    -- Dynamic SQL: the engine refuses the statement when compiling it, which must happen inside the act.
    EXEC [sys].[sp_executesql] N'UPDATE [Tenancy].[Tenants] SET [UpdatedAt] = ''2000-01-01'' WHERE [Slug] = ''tsqlt-updatedat'';';
END;
GO
