/*
 ValidateDataTests: each violation [Deploy].[usp_ValidateData] reports (docs/deployment.md, "Data validation").
 SetUp fakes the six tables it reads and fills them with a consistent database: the two system roles, the permission
 catalogue of docs/design-contract.md, the seeded grants, one tenant, one user and one assignment. Each test then
 arranges one bad row and asserts that exactly the expected violation is reported, so a check that reports too much
 fails as surely as one that reports nothing.
 A tSQLt test class, created with tSQLt.NewTestClass.
*/
EXEC [tSQLt].[NewTestClass] @ClassName = N'ValidateDataTests';
GO
CREATE PROCEDURE [ValidateDataTests].[SetUp]
AS
BEGIN
    EXEC [TestSupport].[usp_DropSecurityPolicies];

    EXEC [tSQLt].[FakeTable] @TableName = N'[Tenancy].[Tenants]';
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Roles]';
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Permissions]';
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[RolePermissions]';
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[UserRoles]';

    INSERT INTO [Identity].[Roles] ([RoleId], [Code], [IsSystem], [Status]) VALUES (1, 'SuperAdmin', 1, 'Active'), (2, 'BasicUser', 1, 'Active');
    INSERT INTO [Identity].[Permissions] ([PermissionId], [Code], [IsSystem])
    SELECT ROW_NUMBER() OVER (ORDER BY [Code]), [Code], 1
    FROM (
        VALUES ('tenants.read'), ('tenants.create'), ('tenants.update'), ('tenants.delete'), ('tenants.manage'),
               ('users.read'), ('users.create'), ('users.update'), ('users.delete'), ('users.manage'),
               ('roles.read'), ('roles.create'), ('roles.update'), ('roles.delete'), ('roles.manage'),
               ('permissions.read'), ('permissions.manage'),
               ('assignments.read'), ('assignments.manage'),
               ('grants.read'), ('grants.manage'),
               ('audit.read'),
               ('profile.read'), ('profile.update')
    ) AS [Catalogue] ([Code]);
    INSERT INTO [Identity].[RolePermissions] ([RoleId], [PermissionId])
    SELECT 1, [PermissionId] FROM [Identity].[Permissions]
    UNION ALL
    SELECT 2, [PermissionId] FROM [Identity].[Permissions] WHERE [Code] IN ('profile.read', 'profile.update');
    INSERT INTO [Tenancy].[Tenants] ([TenantId], [Status]) VALUES (1, 'Active');
    INSERT INTO [Identity].[Users] ([TenantId], [UserId], [Status]) VALUES (1, 10, 'Active');
    INSERT INTO [Identity].[UserRoles] ([UserRoleId], [TenantId], [UserId], [RoleId], [Status]) VALUES (100, 1, 10, 2, 'Active');
END;
GO
CREATE PROCEDURE [ValidateDataTests].[test a consistent database has no violations]
AS
BEGIN
    -- Arrange: SetUp's database as it is
    CREATE TABLE #Violations ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200), [Detail] NVARCHAR(1000));

    -- Act
    INSERT INTO #Violations ([CheckName], [TableName], [RowKey], [Detail]) EXEC [Deploy].[usp_ValidateData];

    -- Assert
    EXEC [tSQLt].[AssertEmptyTable] @TableName = N'#Violations';
END;
GO
CREATE PROCEDURE [ValidateDataTests].[test a user of a tenant that does not exist is reported]
AS
BEGIN
    -- Arrange
    INSERT INTO [Identity].[Users] ([TenantId], [UserId], [Status]) VALUES (99, 11, 'Active');
    CREATE TABLE #Expected ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200));
    INSERT INTO #Expected ([CheckName], [TableName], [RowKey]) VALUES (N'UserWithoutTenant', N'[Identity].[Users]', N'UserId=11');
    CREATE TABLE #Violations ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200), [Detail] NVARCHAR(1000));

    -- Act
    INSERT INTO #Violations ([CheckName], [TableName], [RowKey], [Detail]) EXEC [Deploy].[usp_ValidateData];

    -- Assert
    SELECT [CheckName], [TableName], [RowKey] INTO #Actual FROM #Violations;
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [ValidateDataTests].[test an assignment to a user that does not exist is reported]
AS
BEGIN
    -- Arrange
    INSERT INTO [Identity].[UserRoles] ([UserRoleId], [TenantId], [UserId], [RoleId], [Status]) VALUES (101, 1, 77, 2, 'Active');
    CREATE TABLE #Expected ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200));
    INSERT INTO #Expected ([CheckName], [TableName], [RowKey]) VALUES (N'AssignmentWithoutUser', N'[Identity].[UserRoles]', N'UserRoleId=101');
    CREATE TABLE #Violations ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200), [Detail] NVARCHAR(1000));

    -- Act
    INSERT INTO #Violations ([CheckName], [TableName], [RowKey], [Detail]) EXEC [Deploy].[usp_ValidateData];

    -- Assert
    SELECT [CheckName], [TableName], [RowKey] INTO #Actual FROM #Violations;
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [ValidateDataTests].[test an assignment to a user of another tenant is reported as without user]
AS
BEGIN
    -- Arrange
    INSERT INTO [Tenancy].[Tenants] ([TenantId], [Status]) VALUES (2, 'Active');
    INSERT INTO [Identity].[UserRoles] ([UserRoleId], [TenantId], [UserId], [RoleId], [Status]) VALUES (101, 2, 10, 2, 'Active');
    CREATE TABLE #Expected ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200));
    INSERT INTO #Expected ([CheckName], [TableName], [RowKey]) VALUES (N'AssignmentWithoutUser', N'[Identity].[UserRoles]', N'UserRoleId=101');
    CREATE TABLE #Violations ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200), [Detail] NVARCHAR(1000));

    -- Act
    INSERT INTO #Violations ([CheckName], [TableName], [RowKey], [Detail]) EXEC [Deploy].[usp_ValidateData];

    -- Assert
    SELECT [CheckName], [TableName], [RowKey] INTO #Actual FROM #Violations;
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [ValidateDataTests].[test an assignment of a role that does not exist is reported]
AS
BEGIN
    -- Arrange
    INSERT INTO [Identity].[UserRoles] ([UserRoleId], [TenantId], [UserId], [RoleId], [Status]) VALUES (102, 1, 10, 9, 'Active');
    CREATE TABLE #Expected ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200));
    INSERT INTO #Expected ([CheckName], [TableName], [RowKey]) VALUES (N'AssignmentWithoutRole', N'[Identity].[UserRoles]', N'UserRoleId=102');
    CREATE TABLE #Violations ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200), [Detail] NVARCHAR(1000));

    -- Act
    INSERT INTO #Violations ([CheckName], [TableName], [RowKey], [Detail]) EXEC [Deploy].[usp_ValidateData];

    -- Assert
    SELECT [CheckName], [TableName], [RowKey] INTO #Actual FROM #Violations;
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [ValidateDataTests].[test a grant of a role that does not exist is reported]
AS
BEGIN
    -- Arrange
    INSERT INTO [Identity].[RolePermissions] ([RoleId], [PermissionId]) VALUES (9, 1);
    CREATE TABLE #Expected ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200));
    INSERT INTO #Expected ([CheckName], [TableName], [RowKey]) VALUES (N'GrantWithoutRoleOrPermission', N'[Identity].[RolePermissions]', N'RoleId=9, PermissionId=1');
    CREATE TABLE #Violations ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200), [Detail] NVARCHAR(1000));

    -- Act
    INSERT INTO #Violations ([CheckName], [TableName], [RowKey], [Detail]) EXEC [Deploy].[usp_ValidateData];

    -- Assert
    SELECT [CheckName], [TableName], [RowKey] INTO #Actual FROM #Violations;
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [ValidateDataTests].[test a grant of a permission that does not exist is reported]
AS
BEGIN
    -- Arrange
    INSERT INTO [Identity].[RolePermissions] ([RoleId], [PermissionId]) VALUES (2, 99);
    CREATE TABLE #Expected ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200));
    INSERT INTO #Expected ([CheckName], [TableName], [RowKey]) VALUES (N'GrantWithoutRoleOrPermission', N'[Identity].[RolePermissions]', N'RoleId=2, PermissionId=99');
    CREATE TABLE #Violations ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200), [Detail] NVARCHAR(1000));

    -- Act
    INSERT INTO #Violations ([CheckName], [TableName], [RowKey], [Detail]) EXEC [Deploy].[usp_ValidateData];

    -- Assert
    SELECT [CheckName], [TableName], [RowKey] INTO #Actual FROM #Violations;
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [ValidateDataTests].[test an active assignment of a disabled role is reported]
AS
BEGIN
    -- Arrange
    INSERT INTO [Identity].[Roles] ([RoleId], [Code], [IsSystem], [Status]) VALUES (3, 'Auditor', 0, 'Disabled');
    INSERT INTO [Identity].[UserRoles] ([UserRoleId], [TenantId], [UserId], [RoleId], [Status]) VALUES (103, 1, 10, 3, 'Active');
    INSERT INTO [Identity].[UserRoles] ([UserRoleId], [TenantId], [UserId], [RoleId], [Status]) VALUES (104, 1, 10, 3, 'Revoked');
    CREATE TABLE #Expected ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200));
    INSERT INTO #Expected ([CheckName], [TableName], [RowKey]) VALUES (N'ActiveAssignmentOfDisabledRole', N'[Identity].[UserRoles]', N'UserRoleId=103');
    CREATE TABLE #Violations ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200), [Detail] NVARCHAR(1000));

    -- Act
    INSERT INTO #Violations ([CheckName], [TableName], [RowKey], [Detail]) EXEC [Deploy].[usp_ValidateData];

    -- Assert
    SELECT [CheckName], [TableName], [RowKey] INTO #Actual FROM #Violations;
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [ValidateDataTests].[test an active assignment held by a deactivated user is reported]
AS
BEGIN
    -- Arrange
    INSERT INTO [Identity].[Users] ([TenantId], [UserId], [Status]) VALUES (1, 12, 'Deactivated');
    INSERT INTO [Identity].[UserRoles] ([UserRoleId], [TenantId], [UserId], [RoleId], [Status]) VALUES (105, 1, 12, 2, 'Active'), (106, 1, 12, 1, 'Expired');
    CREATE TABLE #Expected ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200));
    INSERT INTO #Expected ([CheckName], [TableName], [RowKey]) VALUES (N'ActiveAssignmentOfDeactivatedUser', N'[Identity].[UserRoles]', N'UserRoleId=105');
    CREATE TABLE #Violations ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200), [Detail] NVARCHAR(1000));

    -- Act
    INSERT INTO #Violations ([CheckName], [TableName], [RowKey], [Detail]) EXEC [Deploy].[usp_ValidateData];

    -- Assert
    SELECT [CheckName], [TableName], [RowKey] INTO #Actual FROM #Violations;
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [ValidateDataTests].[test a missing system role is reported]
AS
BEGIN
    -- Arrange
    DELETE FROM [Identity].[RolePermissions] WHERE [RoleId] = 1;
    DELETE FROM [Identity].[Roles] WHERE [Code] = 'SuperAdmin';
    CREATE TABLE #Expected ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200));
    INSERT INTO #Expected ([CheckName], [TableName], [RowKey]) VALUES (N'SeedRoleMissing', N'[Identity].[Roles]', N'Code=SuperAdmin');
    CREATE TABLE #Violations ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200), [Detail] NVARCHAR(1000));

    -- Act
    INSERT INTO #Violations ([CheckName], [TableName], [RowKey], [Detail]) EXEC [Deploy].[usp_ValidateData];

    -- Assert
    SELECT [CheckName], [TableName], [RowKey] INTO #Actual FROM #Violations;
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [ValidateDataTests].[test a system role that is no longer marked IsSystem is reported]
AS
BEGIN
    -- Arrange
    UPDATE [Identity].[Roles] SET [IsSystem] = 0 WHERE [Code] = 'BasicUser';
    CREATE TABLE #Expected ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200));
    INSERT INTO #Expected ([CheckName], [TableName], [RowKey]) VALUES (N'SeedRoleMissing', N'[Identity].[Roles]', N'Code=BasicUser');
    CREATE TABLE #Violations ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200), [Detail] NVARCHAR(1000));

    -- Act
    INSERT INTO #Violations ([CheckName], [TableName], [RowKey], [Detail]) EXEC [Deploy].[usp_ValidateData];

    -- Assert
    SELECT [CheckName], [TableName], [RowKey] INTO #Actual FROM #Violations;
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [ValidateDataTests].[test a missing system permission is reported]
AS
BEGIN
    -- Arrange
    DELETE [Grant] FROM [Identity].[RolePermissions] AS [Grant] INNER JOIN [Identity].[Permissions] AS [Permission] ON [Permission].[PermissionId] = [Grant].[PermissionId] WHERE [Permission].[Code] = 'audit.read';
    DELETE FROM [Identity].[Permissions] WHERE [Code] = 'audit.read';
    CREATE TABLE #Expected ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200));
    INSERT INTO #Expected ([CheckName], [TableName], [RowKey]) VALUES (N'SeedPermissionMissing', N'[Identity].[Permissions]', N'Code=audit.read');
    CREATE TABLE #Violations ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200), [Detail] NVARCHAR(1000));

    -- Act
    INSERT INTO #Violations ([CheckName], [TableName], [RowKey], [Detail]) EXEC [Deploy].[usp_ValidateData];

    -- Assert
    SELECT [CheckName], [TableName], [RowKey] INTO #Actual FROM #Violations;
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [ValidateDataTests].[test a permission SuperAdmin does not hold is reported]
AS
BEGIN
    -- Arrange
    DELETE [Grant] FROM [Identity].[RolePermissions] AS [Grant] INNER JOIN [Identity].[Permissions] AS [Permission] ON [Permission].[PermissionId] = [Grant].[PermissionId] WHERE [Grant].[RoleId] = 1 AND [Permission].[Code] = 'users.read';
    CREATE TABLE #Expected ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200));
    INSERT INTO #Expected ([CheckName], [TableName], [RowKey]) VALUES (N'SeedGrantMissing', N'[Identity].[RolePermissions]', N'SuperAdmin/users.read');
    CREATE TABLE #Violations ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200), [Detail] NVARCHAR(1000));

    -- Act
    INSERT INTO #Violations ([CheckName], [TableName], [RowKey], [Detail]) EXEC [Deploy].[usp_ValidateData];

    -- Assert
    SELECT [CheckName], [TableName], [RowKey] INTO #Actual FROM #Violations;
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [ValidateDataTests].[test a new permission not granted to SuperAdmin is reported]
AS
BEGIN
    -- Arrange
    INSERT INTO [Identity].[Permissions] ([PermissionId], [Code], [IsSystem]) VALUES (50, 'reports.read', 0);
    CREATE TABLE #Expected ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200));
    INSERT INTO #Expected ([CheckName], [TableName], [RowKey]) VALUES (N'SeedGrantMissing', N'[Identity].[RolePermissions]', N'SuperAdmin/reports.read');
    CREATE TABLE #Violations ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200), [Detail] NVARCHAR(1000));

    -- Act
    INSERT INTO #Violations ([CheckName], [TableName], [RowKey], [Detail]) EXEC [Deploy].[usp_ValidateData];

    -- Assert
    SELECT [CheckName], [TableName], [RowKey] INTO #Actual FROM #Violations;
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [ValidateDataTests].[test a BasicUser grant that was removed is reported]
AS
BEGIN
    -- Arrange
    DELETE [Grant] FROM [Identity].[RolePermissions] AS [Grant] INNER JOIN [Identity].[Permissions] AS [Permission] ON [Permission].[PermissionId] = [Grant].[PermissionId] WHERE [Grant].[RoleId] = 2 AND [Permission].[Code] = 'profile.update';
    CREATE TABLE #Expected ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200));
    INSERT INTO #Expected ([CheckName], [TableName], [RowKey]) VALUES (N'SeedGrantMissing', N'[Identity].[RolePermissions]', N'BasicUser/profile.update');
    CREATE TABLE #Violations ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200), [Detail] NVARCHAR(1000));

    -- Act
    INSERT INTO #Violations ([CheckName], [TableName], [RowKey], [Detail]) EXEC [Deploy].[usp_ValidateData];

    -- Assert
    SELECT [CheckName], [TableName], [RowKey] INTO #Actual FROM #Violations;
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
