/*
 DelegationTests: no escalation through delegation, enforced by the block predicates of [Identity].[UserRoles]
 ([Security].[fn_AssignmentPredicate]) and of the global catalogues ([Security].[fn_CataloguePredicate]), on the real
 tables with the real policies, sessions started by the real [Security].[usp_SetSessionContext] (keys made writable by
 TestSupport.usp_BeginSessionTest, see docs/testing.md).

 Arranged by SetUp, under the deployment context (policies stay on):
   TsqltTenantAdmin: users.read, users.create, assignments.read, assignments.manage, profile.read, profile.update, and
                     the catalogue permissions roles.manage, permissions.manage, grants.manage (held by a tenant role
                     they must open nothing). No grants.read: this admin cannot see [Identity].[RolePermissions].
   TsqltAuditor:     audit.read (a permission the tenant admin lacks).
   TsqltHelper:      profile.read (a permission the tenant admin holds).
   tenant acme:   ada (TsqltTenantAdmin), bob (BasicUser), cal (a revoked SuperAdmin assignment), root (SuperAdmin)
   tenant globex: sue (SuperAdmin)
 [DelegationTests].[Actors] maps each name to its ids; [DelegationTests].[RoleIds] each role code to its id.
 A tSQLt test class, created with tSQLt.NewTestClass.
*/
EXEC [tSQLt].[NewTestClass] @ClassName = N'DelegationTests';
GO
CREATE TABLE [DelegationTests].[Actors]
(
    [Actor] VARCHAR(10) NOT NULL,
    [TenantId] INT NOT NULL,
    [UserId] BIGINT NOT NULL,
    CONSTRAINT [PK_DelegationTests_Actors] PRIMARY KEY CLUSTERED ([Actor])
);
GO
CREATE TABLE [DelegationTests].[RoleIds]
(
    [Code] VARCHAR(50) NOT NULL,
    [RoleId] INT NOT NULL,
    CONSTRAINT [PK_DelegationTests_RoleIds] PRIMARY KEY CLUSTERED ([Code])
);
GO
CREATE PROCEDURE [DelegationTests].[SetUp]
AS
BEGIN
    EXEC [TestSupport].[usp_BeginSessionTest];
    EXEC [Security].[usp_SetDeploymentSessionContext];

    INSERT INTO [Tenancy].[Tenants] ([Slug], [Name]) VALUES ('tsqlt-acme', N'Acme'), ('tsqlt-globex', N'Globex');

    INSERT INTO [Identity].[Roles] ([Code], [Name], [Description])
    VALUES ('TsqltTenantAdmin', N'Tenant administrator', N'Test role: administers one tenant.'),
           ('TsqltAuditor', N'Auditor', N'Test role: reads the audit trail.'),
           ('TsqltHelper', N'Helper', N'Test role: reads profiles.');
    INSERT INTO [Identity].[RolePermissions] ([RoleId], [PermissionId])
    SELECT [Role].[RoleId], [Permission].[PermissionId]
    FROM (
        VALUES ('TsqltTenantAdmin', 'users.read'), ('TsqltTenantAdmin', 'users.create'), ('TsqltTenantAdmin', 'assignments.read'),
               ('TsqltTenantAdmin', 'assignments.manage'), ('TsqltTenantAdmin', 'profile.read'), ('TsqltTenantAdmin', 'profile.update'),
               ('TsqltTenantAdmin', 'roles.manage'), ('TsqltTenantAdmin', 'permissions.manage'), ('TsqltTenantAdmin', 'grants.manage'),
               ('TsqltAuditor', 'audit.read'), ('TsqltHelper', 'profile.read')
    ) AS [Grant] ([RoleCode], [PermissionCode])
    INNER JOIN [Identity].[Roles] AS [Role] ON [Role].[Code] = [Grant].[RoleCode]
    INNER JOIN [Identity].[Permissions] AS [Permission] ON [Permission].[Code] = [Grant].[PermissionCode];

    INSERT INTO [Identity].[Users] ([TenantId], [Email], [Status])
    SELECT [Tenant].[TenantId], [Person].[Email], 'Active'
    FROM (
        VALUES ('tsqlt-acme', N'ada@acme.example'), ('tsqlt-acme', N'bob@acme.example'), ('tsqlt-acme', N'cal@acme.example'),
               ('tsqlt-acme', N'root@acme.example'), ('tsqlt-globex', N'sue@globex.example')
    ) AS [Person] ([Slug], [Email])
    INNER JOIN [Tenancy].[Tenants] AS [Tenant] ON [Tenant].[Slug] = [Person].[Slug];

    INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId])
    SELECT [User].[TenantId], [User].[UserId], [Role].[RoleId]
    FROM (
        VALUES (N'ada@acme.example', 'TsqltTenantAdmin'), (N'bob@acme.example', 'BasicUser'),
               (N'root@acme.example', 'SuperAdmin'), (N'sue@globex.example', 'SuperAdmin')
    ) AS [Assignment] ([Email], [Code])
    INNER JOIN [Identity].[Users] AS [User] ON [User].[Email] = [Assignment].[Email]
    INNER JOIN [Identity].[Roles] AS [Role] ON [Role].[Code] = [Assignment].[Code];

    INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId], [Status], [AssignedAt], [RevokedAt])
    SELECT [User].[TenantId], [User].[UserId], [Role].[RoleId], 'Revoked', '2025-01-01', '2025-01-02'
    FROM [Identity].[Users] AS [User]
    CROSS JOIN [Identity].[Roles] AS [Role]
    WHERE [User].[Email] = N'cal@acme.example' AND [Role].[Code] = 'SuperAdmin';

    INSERT INTO [DelegationTests].[Actors] ([Actor], [TenantId], [UserId])
    SELECT LEFT([Email], CHARINDEX(N'@', [Email]) - 1), [TenantId], [UserId]
    FROM [Identity].[Users]
    WHERE [Email] IN (N'ada@acme.example', N'bob@acme.example', N'cal@acme.example', N'root@acme.example', N'sue@globex.example');

    INSERT INTO [DelegationTests].[RoleIds] ([Code], [RoleId])
    SELECT [Code], [RoleId] FROM [Identity].[Roles];

    EXEC [TestSupport].[usp_ClearSessionContext];
END;
GO
CREATE PROCEDURE [DelegationTests].[test a tenant administrator cannot assign SuperAdmin by a direct insert]
AS
BEGIN
    -- Arrange
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [DelegationTests].[Actors] WHERE [Actor] = 'ada');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 33504, @ExpectedMessagePattern = N'%block predicate%';

    -- Act
    INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId])
    SELECT [TenantId], [UserId], (SELECT [RoleId] FROM [DelegationTests].[RoleIds] WHERE [Code] = 'SuperAdmin')
    FROM [DelegationTests].[Actors] WHERE [Actor] = 'bob';
END;
GO
CREATE PROCEDURE [DelegationTests].[test a tenant administrator cannot assign SuperAdmin through Api.usp_AssignRole]
AS
BEGIN
    -- Arrange
    DECLARE @Bob BIGINT = (SELECT [UserId] FROM [DelegationTests].[Actors] WHERE [Actor] = 'bob');
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [DelegationTests].[Actors] WHERE [Actor] = 'ada');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 50216;

    -- Act
    EXEC [Api].[usp_AssignRole] @UserId = @Bob, @RoleCode = 'SuperAdmin';
END;
GO
CREATE PROCEDURE [DelegationTests].[test a tenant administrator cannot assign a role that carries a permission they lack]
AS
BEGIN
    -- Arrange
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [DelegationTests].[Actors] WHERE [Actor] = 'ada');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 33504, @ExpectedMessagePattern = N'%block predicate%';

    -- Act
    INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId])
    SELECT [TenantId], [UserId], (SELECT [RoleId] FROM [DelegationTests].[RoleIds] WHERE [Code] = 'TsqltAuditor')
    FROM [DelegationTests].[Actors] WHERE [Actor] = 'bob';
END;
GO
CREATE PROCEDURE [DelegationTests].[test a tenant administrator who cannot see the grants is still refused a role carrying a permission they lack]
AS
BEGIN
    -- Arrange: the fail-closed direction. The admin holds no grants.read, so [Identity].[RolePermissions] is empty to
    -- the admin's session; a rule reading it with NOT EXISTS would let the assignment through.
    DECLARE @Bob BIGINT = (SELECT [UserId] FROM [DelegationTests].[Actors] WHERE [Actor] = 'bob');
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [DelegationTests].[Actors] WHERE [Actor] = 'ada');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;
    DECLARE @VisibleGrants INT = (SELECT COUNT(*) FROM [Identity].[RolePermissions]);
    DECLARE @Refused INT = 0;

    -- Act
    BEGIN TRY
        EXEC [Api].[usp_AssignRole] @UserId = @Bob, @RoleCode = 'TsqltAuditor';
    END TRY
    BEGIN CATCH
        SET @Refused = ERROR_NUMBER();
    END CATCH;

    -- Assert
    EXEC [tSQLt].[AssertEquals] @Expected = 0, @Actual = @VisibleGrants, @Message = N'The admin was expected not to see the grants.';
    EXEC [tSQLt].[AssertEquals] @Expected = 50216, @Actual = @Refused;
END;
GO
CREATE PROCEDURE [DelegationTests].[test a tenant administrator can assign a role whose every permission they hold]
AS
BEGIN
    -- Arrange
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [DelegationTests].[Actors] WHERE [Actor] = 'ada');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Act
    INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId])
    SELECT [TenantId], [UserId], (SELECT [RoleId] FROM [DelegationTests].[RoleIds] WHERE [Code] = 'TsqltHelper')
    FROM [DelegationTests].[Actors] WHERE [Actor] = 'bob';
    DECLARE @Affected INT = @@ROWCOUNT;

    -- Assert
    EXEC [tSQLt].[AssertEquals] @Expected = 1, @Actual = @Affected;
END;
GO
CREATE PROCEDURE [DelegationTests].[test a tenant administrator cannot re-activate a revoked SuperAdmin assignment]
AS
BEGIN
    -- Arrange
    DECLARE @Cal BIGINT = (SELECT [UserId] FROM [DelegationTests].[Actors] WHERE [Actor] = 'cal');
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [DelegationTests].[Actors] WHERE [Actor] = 'ada');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 33504, @ExpectedMessagePattern = N'%block predicate%';

    -- Act
    UPDATE [Identity].[UserRoles] SET [Status] = 'Active', [RevokedAt] = NULL WHERE [UserId] = @Cal;
END;
GO
CREATE PROCEDURE [DelegationTests].[test a tenant administrator cannot turn an assignment into a SuperAdmin assignment]
AS
BEGIN
    -- Arrange: bob's BasicUser assignment is one the admin may manage (BEFORE UPDATE passes); the new row may not be.
    DECLARE @Bob BIGINT = (SELECT [UserId] FROM [DelegationTests].[Actors] WHERE [Actor] = 'bob');
    DECLARE @SuperAdmin INT = (SELECT [RoleId] FROM [DelegationTests].[RoleIds] WHERE [Code] = 'SuperAdmin');
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [DelegationTests].[Actors] WHERE [Actor] = 'ada');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 33504, @ExpectedMessagePattern = N'%block predicate%';

    -- Act
    UPDATE [Identity].[UserRoles] SET [RoleId] = @SuperAdmin WHERE [UserId] = @Bob;
END;
GO
CREATE PROCEDURE [DelegationTests].[test a tenant administrator cannot revoke a SuperAdmin assignment]
AS
BEGIN
    -- Arrange
    DECLARE @Root BIGINT = (SELECT [UserId] FROM [DelegationTests].[Actors] WHERE [Actor] = 'root');
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [DelegationTests].[Actors] WHERE [Actor] = 'ada');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 33504, @ExpectedMessagePattern = N'%block predicate%';

    -- Act
    UPDATE [Identity].[UserRoles] SET [Status] = 'Revoked', [RevokedAt] = SYSUTCDATETIME() WHERE [UserId] = @Root;
END;
GO
CREATE PROCEDURE [DelegationTests].[test a SuperAdmin can assign SuperAdmin]
AS
BEGIN
    -- Arrange
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [DelegationTests].[Actors] WHERE [Actor] = 'sue');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Act
    INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId])
    SELECT [TenantId], [UserId], (SELECT [RoleId] FROM [DelegationTests].[RoleIds] WHERE [Code] = 'SuperAdmin')
    FROM [DelegationTests].[Actors] WHERE [Actor] = 'bob';
    DECLARE @Affected INT = @@ROWCOUNT;

    -- Assert
    EXEC [tSQLt].[AssertEquals] @Expected = 1, @Actual = @Affected;
END;
GO
CREATE PROCEDURE [DelegationTests].[test a SuperAdmin can assign SuperAdmin through Api.usp_AssignRole]
AS
BEGIN
    -- Arrange
    DECLARE @Bob BIGINT = (SELECT [UserId] FROM [DelegationTests].[Actors] WHERE [Actor] = 'bob');
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [DelegationTests].[Actors] WHERE [Actor] = 'sue');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;
    CREATE TABLE #Assigned ([UserRoleId] BIGINT NOT NULL);

    -- Act
    INSERT INTO #Assigned ([UserRoleId]) EXEC [Api].[usp_AssignRole] @UserId = @Bob, @RoleCode = 'SuperAdmin';

    -- Assert
    DECLARE @Assigned INT = (
        SELECT COUNT(*)
        FROM #Assigned AS [new]
        INNER JOIN [Identity].[UserRoles] AS [assignment] ON [assignment].[UserRoleId] = [new].[UserRoleId]
        WHERE [assignment].[UserId] = @Bob AND [assignment].[Status] = 'Active'
            AND [assignment].[RoleId] = (SELECT [RoleId] FROM [DelegationTests].[RoleIds] WHERE [Code] = 'SuperAdmin'));
    EXEC [tSQLt].[AssertEquals] @Expected = 1, @Actual = @Assigned;
END;
GO
CREATE PROCEDURE [DelegationTests].[test a tenant administrator holding roles.manage cannot create a role]
AS
BEGIN
    -- Arrange
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [DelegationTests].[Actors] WHERE [Actor] = 'ada');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 33504, @ExpectedMessagePattern = N'%block predicate%';

    -- Act
    INSERT INTO [Identity].[Roles] ([Code], [Name], [Description]) VALUES ('TsqltIntruder', N'Intruder', N'Test role.');
END;
GO
CREATE PROCEDURE [DelegationTests].[test a tenant administrator holding grants.manage cannot grant a permission to a role]
AS
BEGIN
    -- Arrange
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [DelegationTests].[Actors] WHERE [Actor] = 'ada');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 33504, @ExpectedMessagePattern = N'%block predicate%';

    -- Act
    INSERT INTO [Identity].[RolePermissions] ([RoleId], [PermissionId])
    SELECT (SELECT [RoleId] FROM [DelegationTests].[RoleIds] WHERE [Code] = 'TsqltHelper'), [PermissionId]
    FROM [Identity].[Permissions] WHERE [Code] = 'audit.read';
END;
GO
CREATE PROCEDURE [DelegationTests].[test a tenant administrator holding permissions.manage cannot add a permission]
AS
BEGIN
    -- Arrange
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [DelegationTests].[Actors] WHERE [Actor] = 'ada');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 33504, @ExpectedMessagePattern = N'%block predicate%';

    -- Act
    INSERT INTO [Identity].[Permissions] ([Code], [Category], [Action], [Description])
    VALUES ('tsqltintruder.manage', 'tsqltintruder', 'manage', N'Test permission.');
END;
GO
CREATE PROCEDURE [DelegationTests].[test a SuperAdmin can grant a permission to a role]
AS
BEGIN
    -- Arrange
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [DelegationTests].[Actors] WHERE [Actor] = 'sue');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;

    -- Act
    INSERT INTO [Identity].[RolePermissions] ([RoleId], [PermissionId])
    SELECT (SELECT [RoleId] FROM [DelegationTests].[RoleIds] WHERE [Code] = 'TsqltHelper'), [PermissionId]
    FROM [Identity].[Permissions] WHERE [Code] = 'audit.read';
    DECLARE @Affected INT = @@ROWCOUNT;

    -- Assert
    EXEC [tSQLt].[AssertEquals] @Expected = 1, @Actual = @Affected;
END;
GO
CREATE PROCEDURE [DelegationTests].[test a role created after the session began cannot be assigned in that session]
AS
BEGIN
    -- Arrange: ada's session begins; then a role ada could delegate (profile.read only) is created, as by a SuperAdmin
    -- in another session; ada's session is put back exactly as it was (its keys and its seal row). The list of roles the
    -- session may delegate is positive: a role missing from it is refused, so a missing row only narrows.
    DECLARE @UserId BIGINT = (SELECT [UserId] FROM [DelegationTests].[Actors] WHERE [Actor] = 'ada');
    EXEC [Security].[usp_SetSessionContext] @UserId = @UserId;
    SELECT [SessionId], [ContextHash], [UserId], [SealedAt], [Kind], [IsSuperAdmin], [IsSystem], [Permissions], [AssignableRoleIds], [CallerPrincipalId]
    INTO #Seal FROM [Security].[SessionSeals] WHERE [SessionId] = @@SPID;
    DECLARE @KeyUserId BIGINT = TRY_CAST(SESSION_CONTEXT(N'Foundation.UserId') AS BIGINT);
    DECLARE @TenantId INT = TRY_CAST(SESSION_CONTEXT(N'Foundation.TenantId') AS INT);
    DECLARE @IsSuperAdmin BIT = TRY_CAST(SESSION_CONTEXT(N'Foundation.IsSuperAdmin') AS BIT);
    DECLARE @IsSystem BIT = TRY_CAST(SESSION_CONTEXT(N'Foundation.IsSystem') AS BIT);
    DECLARE @Nonce VARBINARY(32) = TRY_CAST(SESSION_CONTEXT(N'Foundation.SessionNonce') AS VARBINARY(32));

    EXEC [TestSupport].[usp_ClearSessionContext];
    EXEC [Security].[usp_SetDeploymentSessionContext];
    INSERT INTO [Identity].[Roles] ([Code], [Name], [Description]) VALUES ('TsqltLater', N'Later', N'Test role made after the session began.');
    INSERT INTO [Identity].[RolePermissions] ([RoleId], [PermissionId])
    SELECT [Role].[RoleId], [Permission].[PermissionId]
    FROM [Identity].[Roles] AS [Role] CROSS JOIN [Identity].[Permissions] AS [Permission]
    WHERE [Role].[Code] = 'TsqltLater' AND [Permission].[Code] = 'profile.read';
    DECLARE @Later INT = (SELECT [RoleId] FROM [Identity].[Roles] WHERE [Code] = 'TsqltLater');

    EXEC [TestSupport].[usp_ClearSessionContext];
    DELETE FROM [Security].[SessionSeals] WHERE [SessionId] = @@SPID;
    INSERT INTO [Security].[SessionSeals] ([SessionId], [ContextHash], [UserId], [SealedAt], [Kind], [IsSuperAdmin], [IsSystem], [Permissions], [AssignableRoleIds], [CallerPrincipalId])
    SELECT [SessionId], [ContextHash], [UserId], [SealedAt], [Kind], [IsSuperAdmin], [IsSystem], [Permissions], [AssignableRoleIds], [CallerPrincipalId] FROM #Seal;
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.UserId', @value = @KeyUserId;
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.TenantId', @value = @TenantId;
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.IsSuperAdmin', @value = @IsSuperAdmin;
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.IsSystem', @value = @IsSystem;
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.SessionNonce', @value = @Nonce;
    IF NOT EXISTS (SELECT 1 FROM [Security].[fn_SessionIsTrusted]())
        EXEC [tSQLt].[Fail] @Message0 = N'Arrange: the original session of ada was not restored.';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 33504, @ExpectedMessagePattern = N'%block predicate%';

    -- Act
    INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId])
    SELECT [TenantId], [UserId], @Later FROM [DelegationTests].[Actors] WHERE [Actor] = 'bob';
END;
GO
