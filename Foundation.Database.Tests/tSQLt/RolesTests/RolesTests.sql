/*
 RolesTests: the rules of [Identity].[Roles]: code shape and uniqueness, name, description, status.
 A tSQLt test class, created with tSQLt.NewTestClass.
 Deploy with Install.sql; run with EXEC [tSQLt].[Run] N'RolesTests';
*/
EXEC [tSQLt].[NewTestClass] @ClassName = N'RolesTests';
GO
CREATE PROCEDURE [RolesTests].[SetUp]
AS
BEGIN
    EXEC [TestSupport].[usp_DropSecurityPolicies];
END;
GO
CREATE PROCEDURE [RolesTests].[test a role code starting with a lower-case letter is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Roles]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Roles]', @ConstraintName = N'CK_Identity_Roles_Code_Is_Pascal_Case_Letters_And_Digits';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Roles_Code_Is_Pascal_Case_Letters_And_Digits%';

    -- Act
    INSERT INTO [Identity].[Roles] ([Code]) VALUES ('superAdmin');
END;
GO
CREATE PROCEDURE [RolesTests].[test a role code with a space is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Roles]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Roles]', @ConstraintName = N'CK_Identity_Roles_Code_Is_Pascal_Case_Letters_And_Digits';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Roles_Code_Is_Pascal_Case_Letters_And_Digits%';

    -- Act
    INSERT INTO [Identity].[Roles] ([Code]) VALUES ('Super Admin');
END;
GO
CREATE PROCEDURE [RolesTests].[test PascalCase role codes are accepted]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Roles]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Roles]', @ConstraintName = N'CK_Identity_Roles_Code_Is_Pascal_Case_Letters_And_Digits';

    -- Assert (tSQLt fails the test if the act raises any error)
    EXEC [tSQLt].[ExpectNoException];

    -- Act
    INSERT INTO [Identity].[Roles] ([Code]) VALUES ('SuperAdmin'), ('BasicUser'), ('Auditor2');
END;
GO
CREATE PROCEDURE [RolesTests].[test a blank role name is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Roles]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Roles]', @ConstraintName = N'CK_Identity_Roles_Name_Is_Not_Blank';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Roles_Name_Is_Not_Blank%';

    -- Act
    INSERT INTO [Identity].[Roles] ([Name]) VALUES (N'');
END;
GO
CREATE PROCEDURE [RolesTests].[test a blank role description is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Roles]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Roles]', @ConstraintName = N'CK_Identity_Roles_Description_Is_Not_Blank';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Roles_Description_Is_Not_Blank%';

    -- Act
    INSERT INTO [Identity].[Roles] ([Description]) VALUES (N'  ');
END;
GO
CREATE PROCEDURE [RolesTests].[test an unknown role status is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Roles]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Roles]', @ConstraintName = N'CK_Identity_Roles_Status_Is_Active_Or_Disabled';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Roles_Status_Is_Active_Or_Disabled%';

    -- Act
    INSERT INTO [Identity].[Roles] ([Status]) VALUES ('Retired');
END;
GO
CREATE PROCEDURE [RolesTests].[test two roles cannot share a code]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Roles]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Roles]', @ConstraintName = N'UQ_Identity_Roles_Code';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 2627, @ExpectedMessagePattern = N'%UQ_Identity_Roles_Code%';

    -- Act
    INSERT INTO [Identity].[Roles] ([RoleId], [Code]) VALUES (1, 'Auditor'), (2, 'Auditor');
END;
GO
CREATE PROCEDURE [RolesTests].[test UpdatedAt cannot be written by an update]
AS
BEGIN
    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedMessagePattern = N'%GENERATED ALWAYS%';

    -- Act
    -- Dynamic SQL: the engine refuses the statement when compiling it, which must happen inside the act.
    EXEC [sys].[sp_executesql] N'UPDATE [Identity].[Roles] SET [UpdatedAt] = ''2000-01-01'' WHERE [Code] = ''BasicUser'';';
END;
GO
