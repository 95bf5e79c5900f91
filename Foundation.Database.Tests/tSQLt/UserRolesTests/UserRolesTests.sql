/*
 UserRolesTests: the rules of [Identity].[UserRoles]: status life cycle, dates, same-tenant user, one active assignment per user and role.
 A tSQLt test class, created with tSQLt.NewTestClass.
 Deploy with Install.sql; run with EXEC [tSQLt].[Run] N'UserRolesTests';
*/
EXEC [tSQLt].[NewTestClass] @ClassName = N'UserRolesTests';
GO
CREATE PROCEDURE [UserRolesTests].[SetUp]
AS
BEGIN
    EXEC [TestSupport].[usp_DropSecurityPolicies];
END;
GO
CREATE PROCEDURE [UserRolesTests].[test an unknown assignment status is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[UserRoles]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[UserRoles]', @ConstraintName = N'CK_Identity_UserRoles_Status_Is_Active_Revoked_Expired_Or_Suspended';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_UserRoles_Status_Is_Active_Revoked_Expired_Or_Suspended%';

    -- Act
    INSERT INTO [Identity].[UserRoles] ([Status]) VALUES ('Paused');
END;
GO
CREATE PROCEDURE [UserRolesTests].[test a revoked assignment without RevokedAt is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[UserRoles]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[UserRoles]', @ConstraintName = N'CK_Identity_UserRoles_Revoked_Assignment_Has_RevokedAt_And_Others_Have_No_Revocation';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_UserRoles_Revoked_Assignment_Has_RevokedAt_And_Others_Have_No_Revocation%';

    -- Act
    INSERT INTO [Identity].[UserRoles] ([Status], [RevokedAt]) VALUES ('Revoked', NULL);
END;
GO
CREATE PROCEDURE [UserRolesTests].[test an active assignment with RevokedAt is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[UserRoles]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[UserRoles]', @ConstraintName = N'CK_Identity_UserRoles_Revoked_Assignment_Has_RevokedAt_And_Others_Have_No_Revocation';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_UserRoles_Revoked_Assignment_Has_RevokedAt_And_Others_Have_No_Revocation%';

    -- Act
    INSERT INTO [Identity].[UserRoles] ([Status], [RevokedAt]) VALUES ('Active', '2025-01-01');
END;
GO
CREATE PROCEDURE [UserRolesTests].[test an active assignment with RevokedByUserId is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[UserRoles]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[UserRoles]', @ConstraintName = N'CK_Identity_UserRoles_Revoked_Assignment_Has_RevokedAt_And_Others_Have_No_Revocation';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_UserRoles_Revoked_Assignment_Has_RevokedAt_And_Others_Have_No_Revocation%';

    -- Act
    INSERT INTO [Identity].[UserRoles] ([Status], [RevokedByUserId]) VALUES ('Active', 5);
END;
GO
CREATE PROCEDURE [UserRolesTests].[test a revoked assignment with RevokedAt and no revoker is accepted]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[UserRoles]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[UserRoles]', @ConstraintName = N'CK_Identity_UserRoles_Revoked_Assignment_Has_RevokedAt_And_Others_Have_No_Revocation';

    -- Assert (tSQLt fails the test if the act raises any error)
    EXEC [tSQLt].[ExpectNoException];

    -- Act
    INSERT INTO [Identity].[UserRoles] ([Status], [RevokedAt], [RevokedByUserId]) VALUES ('Revoked', '2025-01-01', NULL);
END;
GO
CREATE PROCEDURE [UserRolesTests].[test a revocation before the assignment is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[UserRoles]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[UserRoles]', @ConstraintName = N'CK_Identity_UserRoles_RevokedAt_Is_Not_Before_AssignedAt';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_UserRoles_RevokedAt_Is_Not_Before_AssignedAt%';

    -- Act
    INSERT INTO [Identity].[UserRoles] ([AssignedAt], [RevokedAt]) VALUES ('2025-02-01', '2025-01-31');
END;
GO
CREATE PROCEDURE [UserRolesTests].[test an expiry at the assignment time is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[UserRoles]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[UserRoles]', @ConstraintName = N'CK_Identity_UserRoles_ExpiresAt_Is_After_AssignedAt';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_UserRoles_ExpiresAt_Is_After_AssignedAt%';

    -- Act
    INSERT INTO [Identity].[UserRoles] ([AssignedAt], [ExpiresAt]) VALUES ('2025-02-01', '2025-02-01');
END;
GO
CREATE PROCEDURE [UserRolesTests].[test an expired assignment without ExpiresAt is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[UserRoles]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[UserRoles]', @ConstraintName = N'CK_Identity_UserRoles_Expired_Assignment_Has_ExpiresAt';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_UserRoles_Expired_Assignment_Has_ExpiresAt%';

    -- Act
    INSERT INTO [Identity].[UserRoles] ([Status], [ExpiresAt]) VALUES ('Expired', NULL);
END;
GO
CREATE PROCEDURE [UserRolesTests].[test a blank reason is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[UserRoles]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[UserRoles]', @ConstraintName = N'CK_Identity_UserRoles_Reason_Is_Null_Or_Not_Blank';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_UserRoles_Reason_Is_Null_Or_Not_Blank%';

    -- Act
    INSERT INTO [Identity].[UserRoles] ([Reason]) VALUES (N' ');
END;
GO
CREATE PROCEDURE [UserRolesTests].[test an assignment to a user of another tenant is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[UserRoles]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[UserRoles]', @ConstraintName = N'FK_Identity_UserRoles_TenantId_UserId_Identity_Users';
    INSERT INTO [Identity].[Users] ([TenantId], [UserId]) VALUES (1, 10);

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%FK_Identity_UserRoles_TenantId_UserId_Identity_Users%';

    -- Act
    INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId]) VALUES (2, 10);
END;
GO
CREATE PROCEDURE [UserRolesTests].[test an assignment of a role that does not exist is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Roles]';
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[UserRoles]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[UserRoles]', @ConstraintName = N'FK_Identity_UserRoles_RoleId_Identity_Roles';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%FK_Identity_UserRoles_RoleId_Identity_Roles%';

    -- Act
    INSERT INTO [Identity].[UserRoles] ([RoleId]) VALUES (3);
END;
GO
CREATE PROCEDURE [UserRolesTests].[test an assignment by a user that does not exist is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[UserRoles]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[UserRoles]', @ConstraintName = N'FK_Identity_UserRoles_AssignedByUserId_Identity_Users';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%FK_Identity_UserRoles_AssignedByUserId_Identity_Users%';

    -- Act
    INSERT INTO [Identity].[UserRoles] ([AssignedByUserId]) VALUES (99);
END;
GO
CREATE PROCEDURE [UserRolesTests].[test a revocation by a user that does not exist is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[UserRoles]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[UserRoles]', @ConstraintName = N'FK_Identity_UserRoles_RevokedByUserId_Identity_Users';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%FK_Identity_UserRoles_RevokedByUserId_Identity_Users%';

    -- Act
    INSERT INTO [Identity].[UserRoles] ([RevokedByUserId]) VALUES (99);
END;
GO
CREATE PROCEDURE [UserRolesTests].[test a user cannot hold the same role twice as Active in a tenant]
AS
BEGIN
    -- Arrange: the real tables, as the rule is a filtered unique index, which tSQLt.ApplyConstraint cannot apply to a fake
    INSERT INTO [Tenancy].[Tenants] ([Slug], [Name]) VALUES ('tsqlt-assignments', N'Assignments');
    DECLARE @TenantId INT = (SELECT [TenantId] FROM [Tenancy].[Tenants] WHERE [Slug] = 'tsqlt-assignments');
    INSERT INTO [Identity].[Users] ([TenantId], [Email]) VALUES (@TenantId, N'ann@example.com');
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [Identity].[Users] WHERE [TenantId] = @TenantId);
    INSERT INTO [Identity].[Roles] ([Code], [Name], [Description]) VALUES ('TsqltAuditor', N'Auditor', N'Test role.');
    DECLARE @RoleId INT = (SELECT [RoleId] FROM [Identity].[Roles] WHERE [Code] = 'TsqltAuditor');
    INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId]) VALUES (@TenantId, @UserId, @RoleId);

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 2601, @ExpectedMessagePattern = N'%IX_Identity_UserRoles_TenantId_UserId_RoleId_Active%';

    -- Act
    INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId]) VALUES (@TenantId, @UserId, @RoleId);
END;
GO
CREATE PROCEDURE [UserRolesTests].[test a revoked assignment does not block a new Active one]
AS
BEGIN
    -- Arrange: the real tables, as the rule is a filtered unique index, which tSQLt.ApplyConstraint cannot apply to a fake
    INSERT INTO [Tenancy].[Tenants] ([Slug], [Name]) VALUES ('tsqlt-assignments', N'Assignments');
    DECLARE @TenantId INT = (SELECT [TenantId] FROM [Tenancy].[Tenants] WHERE [Slug] = 'tsqlt-assignments');
    INSERT INTO [Identity].[Users] ([TenantId], [Email]) VALUES (@TenantId, N'ann@example.com');
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [Identity].[Users] WHERE [TenantId] = @TenantId);
    INSERT INTO [Identity].[Roles] ([Code], [Name], [Description]) VALUES ('TsqltAuditor', N'Auditor', N'Test role.');
    DECLARE @RoleId INT = (SELECT [RoleId] FROM [Identity].[Roles] WHERE [Code] = 'TsqltAuditor');
    INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId], [Status], [AssignedAt], [RevokedAt])
    VALUES (@TenantId, @UserId, @RoleId, 'Revoked', '2025-01-01', '2025-01-02');

    -- Act
    INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId]) VALUES (@TenantId, @UserId, @RoleId);

    -- Assert
    SELECT [Status] INTO #Actual FROM [Identity].[UserRoles] WHERE [TenantId] = @TenantId AND [UserId] = @UserId AND [RoleId] = @RoleId;
    CREATE TABLE #Expected ([Status] VARCHAR(20) NOT NULL);
    INSERT INTO #Expected ([Status]) VALUES ('Revoked'), ('Active');
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [UserRolesTests].[test UpdatedAt cannot be written by an update]
AS
BEGIN
    -- Arrange: the real tables, as the rule is the engine's (UpdatedAt is the period start column)
    INSERT INTO [Tenancy].[Tenants] ([Slug], [Name]) VALUES ('tsqlt-assignments', N'Assignments');
    DECLARE @TenantId INT = (SELECT [TenantId] FROM [Tenancy].[Tenants] WHERE [Slug] = 'tsqlt-assignments');
    INSERT INTO [Identity].[Users] ([TenantId], [Email]) VALUES (@TenantId, N'ann@example.com');
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [Identity].[Users] WHERE [TenantId] = @TenantId);
    INSERT INTO [Identity].[Roles] ([Code], [Name], [Description]) VALUES ('TsqltAuditor', N'Auditor', N'Test role.');
    DECLARE @RoleId INT = (SELECT [RoleId] FROM [Identity].[Roles] WHERE [Code] = 'TsqltAuditor');
    INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId]) VALUES (@TenantId, @UserId, @RoleId);

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedMessagePattern = N'%GENERATED ALWAYS%';

    -- Act
    -- Dynamic SQL: the engine refuses the statement when compiling it, which must happen inside the act.
    EXEC [sys].[sp_executesql] N'UPDATE [Identity].[UserRoles] SET [UpdatedAt] = ''2000-01-01'' WHERE [TenantId] = @TenantId;', N'@TenantId INT', @TenantId = @TenantId;
END;
GO
