/*
 SeedDataTests: the reference data that the post-deployment seeds (Scripts/PostDeployment/0xx) leave in a deployed database:
 the two system roles, the permission catalogue of the design contract, and the grants of each role.
 The seeds ran when the database was deployed; running them again is covered by the C# integration test
 Deployment_IsANoOp_WhenTheSameDacpacIsPublishedTwice, which compares the seeded rows and their history after a second publish.
 A tSQLt test class, created with tSQLt.NewTestClass.
*/
EXEC [tSQLt].[NewTestClass] @ClassName = N'SeedDataTests';
GO
CREATE PROCEDURE [SeedDataTests].[SetUp]
AS
BEGIN
    -- [Identity].[RolePermissions] is filtered by PermissionAccessPolicy (grants.read in a sealed session), which would
    -- hide every grant from the test.
    EXEC [TestSupport].[usp_DropSecurityPolicies];
END;
GO
CREATE PROCEDURE [SeedDataTests].[test the system roles SuperAdmin and BasicUser are seeded Active]
AS
BEGIN
    -- Arrange
    CREATE TABLE #Expected ([Code] VARCHAR(50) NOT NULL, [IsSystem] BIT NOT NULL, [Status] VARCHAR(20) NOT NULL);
    INSERT INTO #Expected ([Code], [IsSystem], [Status]) VALUES ('SuperAdmin', 1, 'Active'), ('BasicUser', 1, 'Active');

    -- Act
    SELECT [Code], [IsSystem], [Status] INTO #Actual FROM [Identity].[Roles] WHERE [IsSystem] = 1;

    -- Assert
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [SeedDataTests].[test the permission catalogue holds exactly the documented permissions]
AS
BEGIN
    -- Arrange: the catalogue of docs/design-contract.md
    CREATE TABLE #Expected ([Code] VARCHAR(71) NOT NULL, [Category] VARCHAR(50) NOT NULL, [Action] VARCHAR(20) NOT NULL);
    INSERT INTO #Expected ([Code], [Category], [Action])
    SELECT [Category] + '.' + [Action], [Category], [Action]
    FROM (
        VALUES
            ('tenants', 'read'), ('tenants', 'create'), ('tenants', 'update'), ('tenants', 'delete'), ('tenants', 'manage'),
            ('users', 'read'), ('users', 'create'), ('users', 'update'), ('users', 'delete'), ('users', 'manage'),
            ('roles', 'read'), ('roles', 'create'), ('roles', 'update'), ('roles', 'delete'), ('roles', 'manage'),
            ('permissions', 'read'), ('permissions', 'manage'),
            ('assignments', 'read'), ('assignments', 'manage'),
            ('grants', 'read'), ('grants', 'manage'),
            ('audit', 'read'),
            ('profile', 'read'), ('profile', 'update')
    ) AS [Catalogue] ([Category], [Action]);

    -- Act
    SELECT [Code], [Category], [Action] INTO #Actual FROM [Identity].[Permissions] WHERE [IsSystem] = 1;

    -- Assert
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [SeedDataTests].[test SuperAdmin holds every permission]
AS
BEGIN
    -- Arrange
    SELECT [Code] INTO #Expected FROM [Identity].[Permissions];

    -- Act
    SELECT [Permission].[Code]
    INTO #Actual
    FROM [Identity].[RolePermissions] AS [Grant]
    INNER JOIN [Identity].[Roles] AS [Role] ON [Role].[RoleId] = [Grant].[RoleId]
    INNER JOIN [Identity].[Permissions] AS [Permission] ON [Permission].[PermissionId] = [Grant].[PermissionId]
    WHERE [Role].[Code] = 'SuperAdmin';

    -- Assert
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [SeedDataTests].[test BasicUser holds only profile read and profile update]
AS
BEGIN
    -- Arrange
    CREATE TABLE #Expected ([Code] VARCHAR(71) NOT NULL, [GrantedByUserId] BIGINT NULL);
    INSERT INTO #Expected ([Code], [GrantedByUserId]) VALUES ('profile.read', NULL), ('profile.update', NULL);

    -- Act
    SELECT [Permission].[Code], [Grant].[GrantedByUserId]
    INTO #Actual
    FROM [Identity].[RolePermissions] AS [Grant]
    INNER JOIN [Identity].[Roles] AS [Role] ON [Role].[RoleId] = [Grant].[RoleId]
    INNER JOIN [Identity].[Permissions] AS [Permission] ON [Permission].[PermissionId] = [Grant].[PermissionId]
    WHERE [Role].[Code] = 'BasicUser';

    -- Assert
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
