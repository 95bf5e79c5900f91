/*
 ReportingSessionTests: a reporting principal cannot choose whom it reads as. It is denied
 [Security].[usp_SetSessionContext]; [Security].[usp_SetReportingSessionContext] takes no parameter and gives it the
 context of the Foundation user its principal (id and SID) is mapped to in [Security].[ReportingPrincipals].
 Sessions use the keys made writable by TestSupport.usp_BeginSessionTest (see docs/testing.md).

 Arranged by SetUp, under the deployment context: tenant acme with ada (TsqltReader: users.read) and ann; tenant globex
 with sue (SuperAdmin). Database users tsqlt_report (FoundationReporting, mapped to ada) and tsqlt_unmapped
 (FoundationReporting, no mapping). [ReportingSessionTests].[Actors] maps each name to its ids.
 A tSQLt test class, created with tSQLt.NewTestClass.
*/
EXEC [tSQLt].[NewTestClass] @ClassName = N'ReportingSessionTests';
GO
CREATE TABLE [ReportingSessionTests].[Actors]
(
    [Actor] VARCHAR(10) NOT NULL,
    [TenantId] INT NOT NULL,
    [UserId] BIGINT NOT NULL,
    CONSTRAINT [PK_ReportingSessionTests_Actors] PRIMARY KEY CLUSTERED ([Actor])
);
GO
CREATE PROCEDURE [ReportingSessionTests].[SetUp]
AS
BEGIN
    EXEC [TestSupport].[usp_BeginSessionTest];
    EXEC [Security].[usp_SetDeploymentSessionContext];

    INSERT INTO [Tenancy].[Tenants] ([Slug], [Name]) VALUES ('tsqlt-acme', N'Acme'), ('tsqlt-globex', N'Globex');
    INSERT INTO [Identity].[Roles] ([Code], [Name], [Description]) VALUES ('TsqltReader', N'Reader', N'Test role: reads the users of its tenant.');
    INSERT INTO [Identity].[RolePermissions] ([RoleId], [PermissionId])
    SELECT [Role].[RoleId], [Permission].[PermissionId]
    FROM [Identity].[Roles] AS [Role] CROSS JOIN [Identity].[Permissions] AS [Permission]
    WHERE [Role].[Code] = 'TsqltReader' AND [Permission].[Code] = 'users.read';

    INSERT INTO [Identity].[Users] ([TenantId], [Email], [Status])
    SELECT [Tenant].[TenantId], [Person].[Email], 'Active'
    FROM (VALUES ('tsqlt-acme', N'ada@acme.example'), ('tsqlt-acme', N'ann@acme.example'), ('tsqlt-globex', N'sue@globex.example')) AS [Person] ([Slug], [Email])
    INNER JOIN [Tenancy].[Tenants] AS [Tenant] ON [Tenant].[Slug] = [Person].[Slug];
    INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId])
    SELECT [User].[TenantId], [User].[UserId], [Role].[RoleId]
    FROM (VALUES (N'ada@acme.example', 'TsqltReader'), (N'sue@globex.example', 'SuperAdmin')) AS [Assignment] ([Email], [Code])
    INNER JOIN [Identity].[Users] AS [User] ON [User].[Email] = [Assignment].[Email]
    INNER JOIN [Identity].[Roles] AS [Role] ON [Role].[Code] = [Assignment].[Code];

    INSERT INTO [ReportingSessionTests].[Actors] ([Actor], [TenantId], [UserId])
    SELECT LEFT([Email], CHARINDEX(N'@', [Email]) - 1), [TenantId], [UserId]
    FROM [Identity].[Users]
    WHERE [Email] IN (N'ada@acme.example', N'ann@acme.example', N'sue@globex.example');

    EXEC [TestSupport].[usp_CreateTestUser] @UserName = N'tsqlt_report', @RoleName = N'FoundationReporting';
    EXEC [TestSupport].[usp_CreateTestUser] @UserName = N'tsqlt_unmapped', @RoleName = N'FoundationReporting';
    DECLARE @PrincipalId INT;
    DECLARE @PrincipalSid VARBINARY(85);
    SELECT @PrincipalId = [principal_id], @PrincipalSid = [sid] FROM [sys].[database_principals] WHERE [name] = N'tsqlt_report';
    INSERT INTO [Security].[ReportingPrincipals] ([PrincipalId], [PrincipalSid], [PrincipalName], [UserId], [Reason], [ReviewedBy])
    SELECT @PrincipalId, @PrincipalSid, N'tsqlt_report', [UserId], N'Test mapping.', N'tSQLt'
    FROM [ReportingSessionTests].[Actors]
    WHERE [Actor] = 'ada';

    EXEC [TestSupport].[usp_ClearSessionContext];
END;
GO
CREATE PROCEDURE [ReportingSessionTests].[test a reporting principal cannot start a session with someone else's user id]
AS
BEGIN
    -- Arrange
    DECLARE @Sue BIGINT = (SELECT [UserId] FROM [ReportingSessionTests].[Actors] WHERE [Actor] = 'sue');
    DECLARE @Reporter SYSNAME = N'tsqlt_report';

    -- Assert (tSQLt checks the expected error when the test ends): 229, permission denied.
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 229;

    -- Act
    EXECUTE AS USER = @Reporter;
    EXEC [Security].[usp_SetSessionContext] @UserId = @Sue;
    REVERT;
END;
GO
CREATE PROCEDURE [ReportingSessionTests].[test a reporting principal reads as the user it is mapped to]
AS
BEGIN
    -- Arrange
    DECLARE @Reporter SYSNAME = N'tsqlt_report';
    CREATE TABLE #Expected ([Email] NVARCHAR(254) NOT NULL);
    INSERT INTO #Expected ([Email]) VALUES (N'ada@acme.example'), (N'ann@acme.example');
    CREATE TABLE #Actual ([Email] NVARCHAR(254) NOT NULL);
    -- The reporting principal may read the temporary table, not the test class's tables.
    SELECT DISTINCT [TenantId] INTO #Tenants FROM [ReportingSessionTests].[Actors];

    -- Act
    EXECUTE AS USER = @Reporter;
    EXEC [Security].[usp_SetReportingSessionContext];
    INSERT INTO #Actual ([Email])
    SELECT [Email] FROM [Identity].[Users]
    WHERE [TenantId] IN (SELECT [TenantId] FROM #Tenants);
    REVERT;

    -- Assert
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [ReportingSessionTests].[test an unmapped reporting principal gets no context]
AS
BEGIN
    -- Arrange
    DECLARE @Reporter SYSNAME = N'tsqlt_unmapped';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 50206;

    -- Act
    EXECUTE AS USER = @Reporter;
    EXEC [Security].[usp_SetReportingSessionContext];
    REVERT;
END;
GO
CREATE PROCEDURE [ReportingSessionTests].[test a mapping whose SID is not the principal's matches no one]
AS
BEGIN
    -- Arrange: the principal id of the mapping is reused by another principal (a user dropped and recreated).
    DECLARE @Reporter SYSNAME = N'tsqlt_report';
    UPDATE [Security].[ReportingPrincipals] SET [PrincipalSid] = 0x01 WHERE [PrincipalName] = @Reporter;

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 50206;

    -- Act
    EXECUTE AS USER = @Reporter;
    EXEC [Security].[usp_SetReportingSessionContext];
    REVERT;
END;
GO
CREATE PROCEDURE [ReportingSessionTests].[test a reporting session is logged with its principal id]
AS
BEGIN
    -- Arrange
    DECLARE @Reporter SYSNAME = N'tsqlt_report';
    DECLARE @Ada BIGINT = (SELECT [UserId] FROM [ReportingSessionTests].[Actors] WHERE [Actor] = 'ada');
    DECLARE @Before BIGINT = (SELECT ISNULL(MAX([PrivilegedSessionId]), 0) FROM [Security].[PrivilegedSessions]);

    -- Act
    EXECUTE AS USER = @Reporter;
    EXEC [Security].[usp_SetReportingSessionContext];
    REVERT;

    -- Assert
    DECLARE @Logged INT = (
        SELECT COUNT(*) FROM [Security].[PrivilegedSessions]
        WHERE [PrivilegedSessionId] > @Before AND [Kind] = 'Reporting' AND [UserId] = @Ada
            AND [CallerPrincipalId] = DATABASE_PRINCIPAL_ID(@Reporter));
    EXEC [tSQLt].[AssertEquals] @Expected = 1, @Actual = @Logged;
END;
GO
