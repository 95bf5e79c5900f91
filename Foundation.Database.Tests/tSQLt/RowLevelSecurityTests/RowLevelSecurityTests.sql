/*
 RowLevelSecurityTests: every security predicate in each direction (read, insert, update, delete), across tenants, for a
 SuperAdmin, a BasicUser, a tenant user administrator, and after a permission is removed, on the real tables with the
 real policies, sessions set by the real [Security].[usp_SetSessionContext].

 Session design. The predicates trust only a context sealed by the session procedures, and those set their keys
 read-only (@read_only = 1); SESSION_CONTEXT is not transactional, so a read-only key would outlive tSQLt's rollback
 and the next test's call would be refused (50200). SetUp therefore spies [Security].[usp_SetReadOnlySessionKey], the
 one place that sets the keys, so that inside the test the same procedures set the same keys *writable*: resolution of
 the user, the permission list, the SuperAdmin flag, the nonce and the seal all stay the production code. The spy, the
 seal row and every arranged row are rolled back with the test; SetUp clears the keys a previous test of the session
 left, so the class runs with tSQLt.RunAll in one session as well as one test per connection (the harness).
 If the session already holds a read-only context (someone called a session procedure outside tSQLt), SetUp fails
 with that reason: run the class on a new connection.

 Arranged by SetUp, under the deployment context (policies stay on):
   tenant acme:   ann (BasicUser), bob (BasicUser), ada (BasicUser + TsqltUserAdmin), cal (no role),
                  dan (BasicUser; TsqltUserAdmin revoked)
   tenant globex: gus (BasicUser), sue (SuperAdmin)
   TsqltUserAdmin holds users.read/create/update/delete and assignments.read/manage.
 [RowLevelSecurityTests].[Actors] maps each name (users and tenants) to its ids, readable under any context.
 A tSQLt test class, created with tSQLt.NewTestClass.
*/
EXEC [tSQLt].[NewTestClass] @ClassName = N'RowLevelSecurityTests';
GO
CREATE TABLE [RowLevelSecurityTests].[Actors]
(
    [Actor] VARCHAR(10) NOT NULL,
    [TenantId] INT NOT NULL,
    [UserId] BIGINT NULL,
    CONSTRAINT [PK_RowLevelSecurityTests_Actors] PRIMARY KEY CLUSTERED ([Actor])
);
GO
CREATE PROCEDURE [RowLevelSecurityTests].[SetUp]
AS
BEGIN
    -- Clear what an earlier test of this session left; the session procedures set their keys writable for this test.
    EXEC [TestSupport].[usp_BeginSessionTest];

    -- Arrange the tenants, users, roles and assignments as a deployment does: a sealed system context, policies on.
    EXEC [Security].[usp_SetDeploymentSessionContext];

    INSERT INTO [Tenancy].[Tenants] ([Slug], [Name]) VALUES ('tsqlt-acme', N'Acme'), ('tsqlt-globex', N'Globex');

    INSERT INTO [Identity].[Roles] ([Code], [Name], [Description])
    VALUES ('TsqltUserAdmin', N'User administrator', N'Test role: manages the users and assignments of its tenant.');
    INSERT INTO [Identity].[RolePermissions] ([RoleId], [PermissionId])
    SELECT [Role].[RoleId], [Permission].[PermissionId]
    FROM [Identity].[Roles] AS [Role]
    CROSS JOIN [Identity].[Permissions] AS [Permission]
    WHERE [Role].[Code] = 'TsqltUserAdmin'
        AND [Permission].[Code] IN ('users.read', 'users.create', 'users.update', 'users.delete', 'assignments.read', 'assignments.manage');

    INSERT INTO [Identity].[Users] ([TenantId], [Email], [Status])
    SELECT [Tenant].[TenantId], [Person].[Email], 'Active'
    FROM (
        VALUES ('tsqlt-acme', N'ann@acme.example'), ('tsqlt-acme', N'bob@acme.example'), ('tsqlt-acme', N'ada@acme.example'),
               ('tsqlt-acme', N'cal@acme.example'), ('tsqlt-acme', N'dan@acme.example'),
               ('tsqlt-globex', N'gus@globex.example'), ('tsqlt-globex', N'sue@globex.example')
    ) AS [Person] ([Slug], [Email])
    INNER JOIN [Tenancy].[Tenants] AS [Tenant] ON [Tenant].[Slug] = [Person].[Slug];

    INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId])
    SELECT [User].[TenantId], [User].[UserId], [Role].[RoleId]
    FROM (
        VALUES (N'ann@acme.example', 'BasicUser'), (N'bob@acme.example', 'BasicUser'), (N'ada@acme.example', 'BasicUser'),
               (N'ada@acme.example', 'TsqltUserAdmin'), (N'dan@acme.example', 'BasicUser'),
               (N'gus@globex.example', 'BasicUser'), (N'sue@globex.example', 'SuperAdmin')
    ) AS [Assignment] ([Email], [Code])
    INNER JOIN [Identity].[Users] AS [User] ON [User].[Email] = [Assignment].[Email]
    INNER JOIN [Identity].[Roles] AS [Role] ON [Role].[Code] = [Assignment].[Code];

    INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId], [Status], [AssignedAt], [RevokedAt])
    SELECT [User].[TenantId], [User].[UserId], [Role].[RoleId], 'Revoked', '2025-01-01', '2025-01-02'
    FROM [Identity].[Users] AS [User]
    CROSS JOIN [Identity].[Roles] AS [Role]
    WHERE [User].[Email] = N'dan@acme.example' AND [Role].[Code] = 'TsqltUserAdmin';

    INSERT INTO [RowLevelSecurityTests].[Actors] ([Actor], [TenantId], [UserId])
    SELECT LEFT([User].[Email], CHARINDEX(N'@', [User].[Email]) - 1), [User].[TenantId], [User].[UserId]
    FROM [Identity].[Users] AS [User]
    INNER JOIN [Tenancy].[Tenants] AS [Tenant] ON [Tenant].[TenantId] = [User].[TenantId]
    WHERE [Tenant].[Slug] IN ('tsqlt-acme', 'tsqlt-globex')
    UNION ALL
    SELECT SUBSTRING([Slug], 7, 10), [TenantId], NULL
    FROM [Tenancy].[Tenants]
    WHERE [Slug] IN ('tsqlt-acme', 'tsqlt-globex');

    -- Leave no context: each test starts the session of the user it acts as.
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.IsSuperAdmin', @value = NULL;
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.IsSystem', @value = NULL;
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.Permissions', @value = NULL;
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.SessionNonce', @value = NULL;
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a BasicUser reads only their own user row]
AS
BEGIN
    -- Arrange
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'ann');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;
    CREATE TABLE #Expected ([Email] NVARCHAR(254) NOT NULL);
    INSERT INTO #Expected ([Email]) VALUES (N'ann@acme.example');

    -- Act
    SELECT [Email] INTO #Actual FROM [Identity].[Users] WHERE [TenantId] IN (SELECT [TenantId] FROM [RowLevelSecurityTests].[Actors] WHERE [UserId] IS NULL);

    -- Assert
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a user with users.read reads every user of their own tenant and none of another tenant]
AS
BEGIN
    -- Arrange
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'ada');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;
    CREATE TABLE #Expected ([Email] NVARCHAR(254) NOT NULL);
    INSERT INTO #Expected ([Email]) VALUES (N'ann@acme.example'), (N'bob@acme.example'), (N'ada@acme.example'), (N'cal@acme.example'), (N'dan@acme.example');

    -- Act
    SELECT [Email] INTO #Actual FROM [Identity].[Users] WHERE [TenantId] IN (SELECT [TenantId] FROM [RowLevelSecurityTests].[Actors] WHERE [UserId] IS NULL);

    -- Assert
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a SuperAdmin reads the users of every tenant]
AS
BEGIN
    -- Arrange
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'sue');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;
    CREATE TABLE #Expected ([Email] NVARCHAR(254) NOT NULL);
    INSERT INTO #Expected ([Email]) VALUES (N'ann@acme.example'), (N'bob@acme.example'), (N'ada@acme.example'), (N'cal@acme.example'), (N'dan@acme.example'), (N'gus@globex.example'), (N'sue@globex.example');

    -- Act
    SELECT [Email] INTO #Actual FROM [Identity].[Users] WHERE [TenantId] IN (SELECT [TenantId] FROM [RowLevelSecurityTests].[Actors] WHERE [UserId] IS NULL);

    -- Assert
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a user reads only their own tenant]
AS
BEGIN
    -- Arrange
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'gus');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;
    CREATE TABLE #Expected ([Slug] VARCHAR(63) NOT NULL);
    INSERT INTO #Expected ([Slug]) VALUES ('tsqlt-globex');

    -- Act
    SELECT CAST([Slug] AS VARCHAR(63)) AS [Slug] INTO #Actual FROM [Tenancy].[Tenants] WHERE [TenantId] IN (SELECT [TenantId] FROM [RowLevelSecurityTests].[Actors] WHERE [UserId] IS NULL);

    -- Assert
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a session whose keys were not set by the session procedure reads nothing]
AS
BEGIN
    -- Arrange: keys written directly, as anyone may call sp_set_session_context; no seal matches them
    DECLARE @TenantId INT = (SELECT [TenantId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'acme');
    DECLARE @True BIT = 1;
    DECLARE @Everything NVARCHAR(4000) = N'|users.read|tenants.read|assignments.read|grants.read|';
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.TenantId', @value = @TenantId;
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.IsSuperAdmin', @value = @True;
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.IsSystem', @value = @True;
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.Permissions', @value = @Everything;

    -- Act
    SELECT N'Users' AS [TableName], COUNT(*) AS [VisibleRows] INTO #Actual FROM [Identity].[Users] WHERE [TenantId] IN (SELECT [TenantId] FROM [RowLevelSecurityTests].[Actors] WHERE [UserId] IS NULL)
    UNION ALL SELECT N'Tenants', COUNT(*) FROM [Tenancy].[Tenants] WHERE [TenantId] IN (SELECT [TenantId] FROM [RowLevelSecurityTests].[Actors] WHERE [UserId] IS NULL)
    UNION ALL SELECT N'UserRoles', COUNT(*) FROM [Identity].[UserRoles] WHERE [TenantId] IN (SELECT [TenantId] FROM [RowLevelSecurityTests].[Actors] WHERE [UserId] IS NULL)
    UNION ALL SELECT N'RolePermissions', COUNT(*) FROM [Identity].[RolePermissions];

    -- Assert
    CREATE TABLE #Expected ([TableName] NVARCHAR(20) NOT NULL, [VisibleRows] INT NOT NULL);
    INSERT INTO #Expected ([TableName], [VisibleRows]) VALUES (N'Users', 0), (N'Tenants', 0), (N'UserRoles', 0), (N'RolePermissions', 0);
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a BasicUser reads no role assignments]
AS
BEGIN
    -- Arrange
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'ann');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;
    CREATE TABLE #Expected ([Tenant] VARCHAR(10) NOT NULL, [Assignments] INT NOT NULL);

    -- Act
    SELECT [Tenant].[Actor] AS [Tenant], COUNT(*) AS [Assignments]
    INTO #Actual
    FROM [Identity].[UserRoles] AS [Assignment]
    INNER JOIN [RowLevelSecurityTests].[Actors] AS [Tenant] ON [Tenant].[TenantId] = [Assignment].[TenantId] AND [Tenant].[UserId] IS NULL
    GROUP BY [Tenant].[Actor];

    -- Assert
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a user with assignments.read reads the assignments of their own tenant only]
AS
BEGIN
    -- Arrange
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'ada');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;
    CREATE TABLE #Expected ([Tenant] VARCHAR(10) NOT NULL, [Assignments] INT NOT NULL);
    INSERT INTO #Expected ([Tenant], [Assignments]) VALUES ('acme', 6);

    -- Act
    SELECT [Tenant].[Actor] AS [Tenant], COUNT(*) AS [Assignments]
    INTO #Actual
    FROM [Identity].[UserRoles] AS [Assignment]
    INNER JOIN [RowLevelSecurityTests].[Actors] AS [Tenant] ON [Tenant].[TenantId] = [Assignment].[TenantId] AND [Tenant].[UserId] IS NULL
    GROUP BY [Tenant].[Actor];

    -- Assert
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a SuperAdmin reads the assignments of every tenant]
AS
BEGIN
    -- Arrange
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'sue');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;
    CREATE TABLE #Expected ([Tenant] VARCHAR(10) NOT NULL, [Assignments] INT NOT NULL);
    INSERT INTO #Expected ([Tenant], [Assignments]) VALUES ('acme', 6), ('globex', 2);

    -- Act
    SELECT [Tenant].[Actor] AS [Tenant], COUNT(*) AS [Assignments]
    INTO #Actual
    FROM [Identity].[UserRoles] AS [Assignment]
    INNER JOIN [RowLevelSecurityTests].[Actors] AS [Tenant] ON [Tenant].[TenantId] = [Assignment].[TenantId] AND [Tenant].[UserId] IS NULL
    GROUP BY [Tenant].[Actor];

    -- Assert
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test the role catalogue is readable without a permission but the grants are not]
AS
BEGIN
    -- Arrange
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'ann');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;
    CREATE TABLE #Expected ([TableName] NVARCHAR(20) NOT NULL, [VisibleRows] INT NOT NULL);
    INSERT INTO #Expected ([TableName], [VisibleRows]) VALUES (N'Roles', 1), (N'RolePermissions', 0);

    -- Act
    SELECT N'Roles' AS [TableName], COUNT(*) AS [VisibleRows] INTO #Actual FROM [Identity].[Roles] WHERE [Code] = 'TsqltUserAdmin'
    UNION ALL SELECT N'RolePermissions', COUNT(*) FROM [Identity].[RolePermissions];

    -- Assert
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a user with users.create cannot insert a user into another tenant]
AS
BEGIN
    -- Arrange
    DECLARE @Globex INT = (SELECT [TenantId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'globex');
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'ada');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 33504, @ExpectedMessagePattern = N'%block predicate%';

    -- Act
    INSERT INTO [Identity].[Users] ([TenantId], [Email], [Status]) VALUES (@Globex, N'eve@globex.example', 'Active');
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a BasicUser cannot insert a user into their own tenant]
AS
BEGIN
    -- Arrange
    DECLARE @Acme INT = (SELECT [TenantId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'acme');
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'ann');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 33504, @ExpectedMessagePattern = N'%block predicate%';

    -- Act
    INSERT INTO [Identity].[Users] ([TenantId], [Email], [Status]) VALUES (@Acme, N'eve@acme.example', 'Active');
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a user with users.create can insert a user into their own tenant and read it]
AS
BEGIN
    -- Arrange
    DECLARE @Acme INT = (SELECT [TenantId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'acme');
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'ada');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Act
    INSERT INTO [Identity].[Users] ([TenantId], [Email], [Status]) VALUES (@Acme, N'eve@acme.example', 'Active');
    SELECT [UserId] INTO #Visible FROM [Identity].[Users] WHERE [TenantId] = @Acme AND [Email] = N'eve@acme.example';
    DECLARE @Affected INT = @@ROWCOUNT;

    -- Assert
    EXEC [tSQLt].[AssertEquals] @Expected = 1, @Actual = @Affected;
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a tenant user cannot create a tenant]
AS
BEGIN
    -- Arrange
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'ada');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 33504, @ExpectedMessagePattern = N'%block predicate%';

    -- Act
    INSERT INTO [Tenancy].[Tenants] ([Slug], [Name]) VALUES ('tsqlt-initech', N'Initech');
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a SuperAdmin can create a tenant and read it]
AS
BEGIN
    -- Arrange
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'sue');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Act
    INSERT INTO [Tenancy].[Tenants] ([Slug], [Name]) VALUES ('tsqlt-initech', N'Initech');
    SELECT [TenantId] INTO #Visible FROM [Tenancy].[Tenants] WHERE [Slug] = 'tsqlt-initech';
    DECLARE @Affected INT = @@ROWCOUNT;

    -- Assert
    EXEC [tSQLt].[AssertEquals] @Expected = 1, @Actual = @Affected;
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a user with assignments.manage cannot assign a role in another tenant]
AS
BEGIN
    -- Arrange: a role gus does not hold (he holds BasicUser), so that the assignment breaks no unique index
    -- (IX_Identity_UserRoles_TenantId_UserId_RoleId_Active, 2601) and only the block predicate can refuse it
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'ada');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 33504, @ExpectedMessagePattern = N'%block predicate%';

    -- Act
    INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId])
    SELECT [TenantId], [UserId], (SELECT [RoleId] FROM [Identity].[Roles] WHERE [Code] = 'TsqltUserAdmin')
    FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'gus';
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a BasicUser cannot create a role]
AS
BEGIN
    -- Arrange
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'ann');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 33504, @ExpectedMessagePattern = N'%block predicate%';

    -- Act
    INSERT INTO [Identity].[Roles] ([Code], [Name], [Description]) VALUES ('TsqltIntruder', N'Intruder', N'Test role.');
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a BasicUser cannot grant a permission to a role]
AS
BEGIN
    -- Arrange
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'ann');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 33504, @ExpectedMessagePattern = N'%block predicate%';

    -- Act
    INSERT INTO [Identity].[RolePermissions] ([RoleId], [PermissionId])
    SELECT [Role].[RoleId], [Permission].[PermissionId]
    FROM [Identity].[Roles] AS [Role] CROSS JOIN [Identity].[Permissions] AS [Permission]
    WHERE [Role].[Code] = 'BasicUser' AND [Permission].[Code] = 'users.read';
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a BasicUser can update their own profile]
AS
BEGIN
    -- Arrange
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'ann');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Act
    UPDATE [Identity].[Users] SET [DisplayName] = N'Ann' WHERE [UserId] = @UserId;
    DECLARE @Affected INT = @@ROWCOUNT;

    -- Assert
    EXEC [tSQLt].[AssertEquals] @Expected = 1, @Actual = @Affected;
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a BasicUser cannot update another user of their tenant]
AS
BEGIN
    -- Arrange
    DECLARE @Bob BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'bob');
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'ann');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Act
    UPDATE [Identity].[Users] SET [DisplayName] = N'Changed' WHERE [UserId] = @Bob;
    DECLARE @Affected INT = @@ROWCOUNT;

    -- Assert
    EXEC [tSQLt].[AssertEquals] @Expected = 0, @Actual = @Affected;
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a user with users.update cannot update a user of another tenant]
AS
BEGIN
    -- Arrange
    DECLARE @Gus BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'gus');
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'ada');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Act
    UPDATE [Identity].[Users] SET [DisplayName] = N'Changed' WHERE [UserId] = @Gus;
    DECLARE @Affected INT = @@ROWCOUNT;

    -- Assert
    EXEC [tSQLt].[AssertEquals] @Expected = 0, @Actual = @Affected;
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a user with users.update cannot move a user into another tenant]
AS
BEGIN
    -- Arrange
    DECLARE @Globex INT = (SELECT [TenantId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'globex');
    DECLARE @Cal BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'cal');
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'ada');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 33504, @ExpectedMessagePattern = N'%block predicate%';

    -- Act
    UPDATE [Identity].[Users] SET [TenantId] = @Globex WHERE [UserId] = @Cal;
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a SuperAdmin can update a user of another tenant]
AS
BEGIN
    -- Arrange
    DECLARE @Ann BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'ann');
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'sue');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Act
    UPDATE [Identity].[Users] SET [DisplayName] = N'Ann' WHERE [UserId] = @Ann;
    DECLARE @Affected INT = @@ROWCOUNT;

    -- Assert
    EXEC [tSQLt].[AssertEquals] @Expected = 1, @Actual = @Affected;
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a BasicUser cannot change another tenant's name]
AS
BEGIN
    -- Arrange
    DECLARE @Acme INT = (SELECT [TenantId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'acme');
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'gus');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Act
    UPDATE [Tenancy].[Tenants] SET [Name] = N'Changed' WHERE [TenantId] = @Acme;
    DECLARE @Affected INT = @@ROWCOUNT;

    -- Assert
    EXEC [tSQLt].[AssertEquals] @Expected = 0, @Actual = @Affected;
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a BasicUser cannot change their own tenant's name]
AS
BEGIN
    -- Arrange
    DECLARE @Globex INT = (SELECT [TenantId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'globex');
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'gus');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 33504, @ExpectedMessagePattern = N'%block predicate%';

    -- Act
    UPDATE [Tenancy].[Tenants] SET [Name] = N'Changed' WHERE [TenantId] = @Globex;
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a BasicUser cannot delete their own user row]
AS
BEGIN
    -- Arrange: ann's session gets profile.read (her own row is visible to her) from her BasicUser assignment. The
    -- assignment is then removed (the session keeps the permissions it started with; the policies on UserRoles are
    -- switched off for that one statement, inside the test's transaction), so that no row refers to hers through
    -- FK_Identity_UserRoles_TenantId_UserId_Identity_Users (547): only the BEFORE DELETE block predicate can refuse the
    -- delete. With the assignment in place, which of the two the engine checks first would be a plan detail.
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'ann');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;
    EXEC [TestSupport].[usp_SetSecurityPolicyState] @TableName = N'[Identity].[UserRoles]', @Enabled = 0;
    DELETE FROM [Identity].[UserRoles] WHERE [UserId] = @UserId;
    EXEC [TestSupport].[usp_SetSecurityPolicyState] @TableName = N'[Identity].[UserRoles]', @Enabled = 1;

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 33504, @ExpectedMessagePattern = N'%block predicate%';

    -- Act
    DELETE FROM [Identity].[Users] WHERE [UserId] = @UserId;
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a user with users.delete cannot delete a user of another tenant]
AS
BEGIN
    -- Arrange
    DECLARE @Gus BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'gus');
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'ada');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Act
    DELETE FROM [Identity].[Users] WHERE [UserId] = @Gus;
    DECLARE @Affected INT = @@ROWCOUNT;

    -- Assert
    EXEC [tSQLt].[AssertEquals] @Expected = 0, @Actual = @Affected;
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a user with users.delete can delete a user of their own tenant]
AS
BEGIN
    -- Arrange
    DECLARE @Cal BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'cal');
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'ada');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Act
    DELETE FROM [Identity].[Users] WHERE [UserId] = @Cal;
    DECLARE @Affected INT = @@ROWCOUNT;

    -- Assert
    EXEC [tSQLt].[AssertEquals] @Expected = 1, @Actual = @Affected;
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a BasicUser cannot delete a role assignment]
AS
BEGIN
    -- Arrange
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'ann');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Act
    DELETE FROM [Identity].[UserRoles] WHERE [UserId] = @UserId;
    DECLARE @Affected INT = @@ROWCOUNT;

    -- Assert
    EXEC [tSQLt].[AssertEquals] @Expected = 0, @Actual = @Affected;
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a revoked assignment gives no permission to the next session]
AS
BEGIN
    -- Arrange
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'dan');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;
    CREATE TABLE #Expected ([Email] NVARCHAR(254) NOT NULL);
    INSERT INTO #Expected ([Email]) VALUES (N'dan@acme.example');

    -- Act
    SELECT [Email] INTO #Actual FROM [Identity].[Users] WHERE [TenantId] IN (SELECT [TenantId] FROM [RowLevelSecurityTests].[Actors] WHERE [UserId] IS NULL);

    -- Assert
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a permission removed from a role no longer applies to the next session]
AS
BEGIN
    -- Arrange: the grant is removed (as a deployment would), then the user's next session starts
    EXEC [Security].[usp_SetDeploymentSessionContext];
    DELETE [Grant]
    FROM [Identity].[RolePermissions] AS [Grant]
    INNER JOIN [Identity].[Roles] AS [Role] ON [Role].[RoleId] = [Grant].[RoleId]
    INNER JOIN [Identity].[Permissions] AS [Permission] ON [Permission].[PermissionId] = [Grant].[PermissionId]
    WHERE [Role].[Code] = 'TsqltUserAdmin' AND [Permission].[Code] = 'users.read';
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.IsSuperAdmin', @value = NULL;
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.IsSystem', @value = NULL;
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.Permissions', @value = NULL;
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.SessionNonce', @value = NULL;
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'ada');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;
    CREATE TABLE #Expected ([Email] NVARCHAR(254) NOT NULL);
    INSERT INTO #Expected ([Email]) VALUES (N'ada@acme.example');

    -- Act
    SELECT [Email] INTO #Actual FROM [Identity].[Users] WHERE [TenantId] IN (SELECT [TenantId] FROM [RowLevelSecurityTests].[Actors] WHERE [UserId] IS NULL);

    -- Assert
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [RowLevelSecurityTests].[test a user whose assignment was revoked can no longer assign roles]
AS
BEGIN
    -- Arrange
    DECLARE @Bob BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'bob');
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [RowLevelSecurityTests].[Actors] WHERE [Actor] = 'dan');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 33504, @ExpectedMessagePattern = N'%block predicate%';

    -- Act
    INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId])
    SELECT [TenantId], [UserId], (SELECT [RoleId] FROM [Identity].[Roles] WHERE [Code] = 'TsqltUserAdmin')
    FROM [RowLevelSecurityTests].[Actors] WHERE [UserId] = @Bob;
END;
GO
