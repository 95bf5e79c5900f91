/*
 PermissionsTests: the rules of [Identity].[Permissions] and [Identity].[RolePermissions]: code = category.action, lower case, unique; grants reference real roles, permissions and users.
 A tSQLt test class, created with tSQLt.NewTestClass.
 Deploy with Install.sql; run with EXEC [tSQLt].[Run] N'PermissionsTests';
*/
EXEC [tSQLt].[NewTestClass] @ClassName = N'PermissionsTests';
GO
CREATE PROCEDURE [PermissionsTests].[SetUp]
AS
BEGIN
    EXEC [TestSupport].[usp_DropSecurityPolicies];
END;
GO
CREATE PROCEDURE [PermissionsTests].[test a category with an upper-case letter is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Permissions]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Permissions]', @ConstraintName = N'CK_Identity_Permissions_Category_Is_Lower_Case_Letters';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Permissions_Category_Is_Lower_Case_Letters%';

    -- Act
    INSERT INTO [Identity].[Permissions] ([Category]) VALUES ('Users');
END;
GO
CREATE PROCEDURE [PermissionsTests].[test a category with a digit is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Permissions]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Permissions]', @ConstraintName = N'CK_Identity_Permissions_Category_Is_Lower_Case_Letters';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Permissions_Category_Is_Lower_Case_Letters%';

    -- Act
    INSERT INTO [Identity].[Permissions] ([Category]) VALUES ('users2');
END;
GO
CREATE PROCEDURE [PermissionsTests].[test an unknown action is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Permissions]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Permissions]', @ConstraintName = N'CK_Identity_Permissions_Action_Is_Read_Create_Update_Delete_Or_Manage';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Permissions_Action_Is_Read_Create_Update_Delete_Or_Manage%';

    -- Act
    INSERT INTO [Identity].[Permissions] ([Action]) VALUES ('approve');
END;
GO
CREATE PROCEDURE [PermissionsTests].[test every documented action is accepted]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Permissions]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Permissions]', @ConstraintName = N'CK_Identity_Permissions_Action_Is_Read_Create_Update_Delete_Or_Manage';

    -- Assert (tSQLt fails the test if the act raises any error)
    EXEC [tSQLt].[ExpectNoException];

    -- Act
    INSERT INTO [Identity].[Permissions] ([Action]) VALUES ('read');
    INSERT INTO [Identity].[Permissions] ([Action]) VALUES ('create');
    INSERT INTO [Identity].[Permissions] ([Action]) VALUES ('update');
    INSERT INTO [Identity].[Permissions] ([Action]) VALUES ('delete');
    INSERT INTO [Identity].[Permissions] ([Action]) VALUES ('manage');
END;
GO
CREATE PROCEDURE [PermissionsTests].[test a code that is not category dot action is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Permissions]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Permissions]', @ConstraintName = N'CK_Identity_Permissions_Code_Is_Category_Dot_Action';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Permissions_Code_Is_Category_Dot_Action%';

    -- Act
    INSERT INTO [Identity].[Permissions] ([Code], [Category], [Action]) VALUES ('users.write', 'users', 'read');
END;
GO
CREATE PROCEDURE [PermissionsTests].[test a code in the wrong letter case is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Permissions]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Permissions]', @ConstraintName = N'CK_Identity_Permissions_Code_Is_Category_Dot_Action';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Permissions_Code_Is_Category_Dot_Action%';

    -- Act
    INSERT INTO [Identity].[Permissions] ([Code], [Category], [Action]) VALUES ('Users.Read', 'users', 'read');
END;
GO
CREATE PROCEDURE [PermissionsTests].[test a blank permission description is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Permissions]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Permissions]', @ConstraintName = N'CK_Identity_Permissions_Description_Is_Not_Blank';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Permissions_Description_Is_Not_Blank%';

    -- Act
    INSERT INTO [Identity].[Permissions] ([Description]) VALUES (N'');
END;
GO
CREATE PROCEDURE [PermissionsTests].[test two permissions cannot share a code]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Permissions]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Permissions]', @ConstraintName = N'UQ_Identity_Permissions_Code';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 2627, @ExpectedMessagePattern = N'%UQ_Identity_Permissions_Code%';

    -- Act
    INSERT INTO [Identity].[Permissions] ([PermissionId], [Code]) VALUES (1, 'users.read'), (2, 'users.read');
END;
GO
CREATE PROCEDURE [PermissionsTests].[test a grant of a role that does not exist is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Roles]';
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[RolePermissions]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[RolePermissions]', @ConstraintName = N'FK_Identity_RolePermissions_RoleId_Identity_Roles';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%FK_Identity_RolePermissions_RoleId_Identity_Roles%';

    -- Act
    INSERT INTO [Identity].[RolePermissions] ([RoleId], [PermissionId]) VALUES (7, 1);
END;
GO
CREATE PROCEDURE [PermissionsTests].[test a grant of a permission that does not exist is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Permissions]';
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[RolePermissions]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[RolePermissions]', @ConstraintName = N'FK_Identity_RolePermissions_PermissionId_Identity_Permissions';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%FK_Identity_RolePermissions_PermissionId_Identity_Permissions%';

    -- Act
    INSERT INTO [Identity].[RolePermissions] ([RoleId], [PermissionId]) VALUES (1, 7);
END;
GO
CREATE PROCEDURE [PermissionsTests].[test a grant by a user that does not exist is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[RolePermissions]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[RolePermissions]', @ConstraintName = N'FK_Identity_RolePermissions_GrantedByUserId_Identity_Users';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%FK_Identity_RolePermissions_GrantedByUserId_Identity_Users%';

    -- Act
    INSERT INTO [Identity].[RolePermissions] ([RoleId], [PermissionId], [GrantedByUserId]) VALUES (1, 1, 99);
END;
GO
CREATE PROCEDURE [PermissionsTests].[test the same permission cannot be granted to a role twice]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[RolePermissions]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[RolePermissions]', @ConstraintName = N'PK_Identity_RolePermissions';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 2627, @ExpectedMessagePattern = N'%PK_Identity_RolePermissions%';

    -- Act
    INSERT INTO [Identity].[RolePermissions] ([RoleId], [PermissionId]) VALUES (1, 1), (1, 1);
END;
GO
CREATE PROCEDURE [PermissionsTests].[test a grant of an existing role and permission by the seed is accepted]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Roles]';
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Permissions]';
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[RolePermissions]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[RolePermissions]', @ConstraintName = N'FK_Identity_RolePermissions_RoleId_Identity_Roles';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[RolePermissions]', @ConstraintName = N'FK_Identity_RolePermissions_PermissionId_Identity_Permissions';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[RolePermissions]', @ConstraintName = N'FK_Identity_RolePermissions_GrantedByUserId_Identity_Users';
    INSERT INTO [Identity].[Roles] ([RoleId]) VALUES (1);
    INSERT INTO [Identity].[Permissions] ([PermissionId]) VALUES (1);

    -- Assert (tSQLt fails the test if the act raises any error)
    EXEC [tSQLt].[ExpectNoException];

    -- Act
    INSERT INTO [Identity].[RolePermissions] ([RoleId], [PermissionId], [GrantedByUserId]) VALUES (1, 1, NULL);
END;
GO
