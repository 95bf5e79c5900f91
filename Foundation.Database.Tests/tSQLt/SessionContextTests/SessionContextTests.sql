/*
 SessionContextTests: the session procedures cannot brick a connection or leave keys without a seal, the deployment
 context is checked against the seal itself, refusals do not tell another tenant's user status, the permission list has
 no length limit, and every context set by a principal other than the application is logged. Sessions are started by
 the real procedures, with keys made writable by TestSupport.usp_BeginSessionTest (see docs/testing.md); its spy also
 logs each key set (#KeyLog) and can fail one (#FailAtKey).

 Arranged by SetUp, under the deployment context: tenant acme with ann and bob (BasicUser), sus (Suspended),
 lou (locked out for a day), wid (TsqltWide: 120 permissions with 46-character codes, more than 4,000 characters in all).
 [SessionContextTests].[Actors] maps each name to its user id.
 A tSQLt test class, created with tSQLt.NewTestClass.
*/
EXEC [tSQLt].[NewTestClass] @ClassName = N'SessionContextTests';
GO
CREATE TABLE [SessionContextTests].[Actors]
(
    [Actor] VARCHAR(10) NOT NULL,
    [UserId] BIGINT NOT NULL,
    CONSTRAINT [PK_SessionContextTests_Actors] PRIMARY KEY CLUSTERED ([Actor])
);
GO
CREATE PROCEDURE [SessionContextTests].[SetUp]
AS
BEGIN
    EXEC [TestSupport].[usp_BeginSessionTest];
    EXEC [Security].[usp_SetDeploymentSessionContext];

    INSERT INTO [Tenancy].[Tenants] ([Slug], [Name]) VALUES ('tsqlt-acme', N'Acme');
    DECLARE @Acme INT = (SELECT [TenantId] FROM [Tenancy].[Tenants] WHERE [Slug] = 'tsqlt-acme');

    INSERT INTO [Identity].[Users] ([TenantId], [Email], [Status], [LockoutEndsAt])
    VALUES (@Acme, N'ann@acme.example', 'Active', NULL), (@Acme, N'bob@acme.example', 'Active', NULL),
           (@Acme, N'sus@acme.example', 'Suspended', NULL), (@Acme, N'lou@acme.example', 'Active', DATEADD(DAY, 1, SYSUTCDATETIME())),
           (@Acme, N'wid@acme.example', 'Active', NULL);

    -- 120 permissions whose codes are 46 characters long: 'x' * 34 + 'tsqlt' + two letters + '.read'.
    INSERT INTO [Identity].[Permissions] ([Code], [Category], [Action], [Description])
    SELECT CAST([wide].[Category] + '.read' AS VARCHAR(71)), [wide].[Category], 'read', N'Test permission with a long code.'
    FROM (
        SELECT CAST(REPLICATE('x', 34) + 'tsqlt' + CHAR(97 + [n].[Number] / 26) + CHAR(97 + [n].[Number] % 26) AS VARCHAR(50)) AS [Category]
        FROM (SELECT TOP (120) ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) - 1 AS [Number] FROM [sys].[all_objects]) AS [n]
    ) AS [wide];
    INSERT INTO [Identity].[Roles] ([Code], [Name], [Description]) VALUES ('TsqltWide', N'Wide', N'Test role with many permissions.');
    INSERT INTO [Identity].[RolePermissions] ([RoleId], [PermissionId])
    SELECT [Role].[RoleId], [Permission].[PermissionId]
    FROM [Identity].[Roles] AS [Role] CROSS JOIN [Identity].[Permissions] AS [Permission]
    WHERE [Role].[Code] = 'TsqltWide' AND [Permission].[Category] LIKE REPLICATE('x', 34) + 'tsqlt%';

    INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId])
    SELECT [User].[TenantId], [User].[UserId], [Role].[RoleId]
    FROM (VALUES (N'ann@acme.example', 'BasicUser'), (N'bob@acme.example', 'BasicUser'), (N'wid@acme.example', 'TsqltWide')) AS [Assignment] ([Email], [Code])
    INNER JOIN [Identity].[Users] AS [User] ON [User].[Email] = [Assignment].[Email]
    INNER JOIN [Identity].[Roles] AS [Role] ON [Role].[Code] = [Assignment].[Code];

    INSERT INTO [SessionContextTests].[Actors] ([Actor], [UserId])
    SELECT LEFT([Email], CHARINDEX(N'@', [Email]) - 1), [UserId] FROM [Identity].[Users] WHERE [TenantId] = @Acme;

    EXEC [TestSupport].[usp_ClearSessionContext];
END;
GO
CREATE PROCEDURE [SessionContextTests].[test a second call for the same user is a no-op that keeps the context and its seal]
AS
BEGIN
    -- Arrange
    DECLARE @Ann BIGINT = (SELECT [UserId] FROM [SessionContextTests].[Actors] WHERE [Actor] = 'ann');
    EXEC [Security].[usp_SetSessionContext] @UserId = @Ann;
    DECLARE @Hash BINARY(32) = (SELECT [ContextHash] FROM [Security].[SessionSeals] WHERE [SessionId] = @@SPID);
    DECLARE @Nonce VARBINARY(32) = TRY_CAST(SESSION_CONTEXT(N'Foundation.SessionNonce') AS VARBINARY(32));

    -- Act
    EXEC [Security].[usp_SetSessionContext] @UserId = @Ann;

    -- Assert
    DECLARE @HashAfter BINARY(32) = (SELECT [ContextHash] FROM [Security].[SessionSeals] WHERE [SessionId] = @@SPID);
    DECLARE @NonceAfter VARBINARY(32) = TRY_CAST(SESSION_CONTEXT(N'Foundation.SessionNonce') AS VARBINARY(32));
    DECLARE @Trusted INT = (SELECT COUNT(*) FROM [Security].[fn_SessionIsTrusted]());
    EXEC [tSQLt].[AssertEquals] @Expected = @Hash, @Actual = @HashAfter;
    EXEC [tSQLt].[AssertEquals] @Expected = @Nonce, @Actual = @NonceAfter;
    EXEC [tSQLt].[AssertEquals] @Expected = 1, @Actual = @Trusted;
END;
GO
CREATE PROCEDURE [SessionContextTests].[test a call for another user fails with 50205 and leaves the context and its seal intact]
AS
BEGIN
    -- Arrange
    DECLARE @Ann BIGINT = (SELECT [UserId] FROM [SessionContextTests].[Actors] WHERE [Actor] = 'ann');
    DECLARE @Bob BIGINT = (SELECT [UserId] FROM [SessionContextTests].[Actors] WHERE [Actor] = 'bob');
    EXEC [Security].[usp_SetSessionContext] @UserId = @Ann;
    DECLARE @Hash BINARY(32) = (SELECT [ContextHash] FROM [Security].[SessionSeals] WHERE [SessionId] = @@SPID);
    DECLARE @Error INT = 0;

    -- Act
    BEGIN TRY
        EXEC [Security].[usp_SetSessionContext] @UserId = @Bob;
    END TRY
    BEGIN CATCH
        SET @Error = ERROR_NUMBER();
    END CATCH;

    -- Assert (reads only: the refused call left the transaction uncommittable)
    DECLARE @HashAfter BINARY(32) = (SELECT [ContextHash] FROM [Security].[SessionSeals] WHERE [SessionId] = @@SPID);
    DECLARE @UserAfter BIGINT = TRY_CAST(SESSION_CONTEXT(N'Foundation.UserId') AS BIGINT);
    DECLARE @Trusted INT = (SELECT COUNT(*) FROM [Security].[fn_SessionIsTrusted]());
    EXEC [tSQLt].[AssertEquals] @Expected = 50205, @Actual = @Error;
    EXEC [tSQLt].[AssertEquals] @Expected = @Hash, @Actual = @HashAfter;
    EXEC [tSQLt].[AssertEquals] @Expected = @Ann, @Actual = @UserAfter;
    EXEC [tSQLt].[AssertEquals] @Expected = 1, @Actual = @Trusted;
END;
GO
CREATE PROCEDURE [SessionContextTests].[test keys set by hand are refused with 50200]
AS
BEGIN
    -- Arrange
    DECLARE @Ann BIGINT = (SELECT [UserId] FROM [SessionContextTests].[Actors] WHERE [Actor] = 'ann');
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.UserId', @value = @Ann;

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 50200;

    -- Act
    EXEC [Security].[usp_SetSessionContext] @UserId = @Ann;
END;
GO
CREATE PROCEDURE [SessionContextTests].[test the seal is written before the first key is set and the nonce is set last]
AS
BEGIN
    -- Arrange
    DECLARE @Ann BIGINT = (SELECT [UserId] FROM [SessionContextTests].[Actors] WHERE [Actor] = 'ann');
    DELETE FROM [Security].[SessionSeals] WHERE [SessionId] = @@SPID;
    CREATE TABLE #KeyLog ([Ordinal] INT IDENTITY(1, 1) NOT NULL, [KeyName] NVARCHAR(128) NOT NULL, [SealRows] INT NOT NULL);

    -- Act
    EXEC [Security].[usp_SetSessionContext] @UserId = @Ann;

    -- Assert
    DECLARE @KeysWithoutSeal INT = (SELECT COUNT(*) FROM #KeyLog WHERE [SealRows] <> 1);
    DECLARE @Keys INT = (SELECT COUNT(*) FROM #KeyLog);
    DECLARE @LastKey NVARCHAR(128) = (SELECT TOP (1) [KeyName] FROM #KeyLog ORDER BY [Ordinal] DESC);
    EXEC [tSQLt].[AssertEquals] @Expected = 5, @Actual = @Keys;
    EXEC [tSQLt].[AssertEquals] @Expected = 0, @Actual = @KeysWithoutSeal;
    EXEC [tSQLt].[AssertEqualsString] @Expected = N'Foundation.SessionNonce', @Actual = @LastKey;
END;
GO
CREATE PROCEDURE [SessionContextTests].[test a failure while setting the keys leaves a seal that grants nothing and a session that is refused]
AS
BEGIN
    -- Arrange: the last key (the nonce) cannot be set, as on a failure or an attention from the client.
    DECLARE @Ann BIGINT = (SELECT [UserId] FROM [SessionContextTests].[Actors] WHERE [Actor] = 'ann');
    CREATE TABLE #FailAtKey ([KeyName] NVARCHAR(128) NOT NULL);
    INSERT INTO #FailAtKey ([KeyName]) VALUES (N'Foundation.SessionNonce');
    DECLARE @First INT = 0;
    DECLARE @Second INT = 0;

    -- Act
    BEGIN TRY
        EXEC [Security].[usp_SetSessionContext] @UserId = @Ann;
    END TRY
    BEGIN CATCH
        SET @First = ERROR_NUMBER();
    END CATCH;
    DECLARE @Seals INT = (SELECT COUNT(*) FROM [Security].[SessionSeals] WHERE [SessionId] = @@SPID);
    DECLARE @Trusted INT = (SELECT COUNT(*) FROM [Security].[fn_SessionIsTrusted]());
    DECLARE @VisibleUsers INT = (SELECT COUNT(*) FROM [Identity].[Users]);
    BEGIN TRY
        EXEC [Security].[usp_SetSessionContext] @UserId = @Ann;
    END TRY
    BEGIN CATCH
        SET @Second = ERROR_NUMBER();
    END CATCH;

    -- Assert (reads only: the failure left the transaction uncommittable)
    EXEC [tSQLt].[AssertEquals] @Expected = 50999, @Actual = @First;
    EXEC [tSQLt].[AssertEquals] @Expected = 1, @Actual = @Seals, @Message = N'The seal was expected before the keys.';
    EXEC [tSQLt].[AssertEquals] @Expected = 0, @Actual = @Trusted;
    EXEC [tSQLt].[AssertEquals] @Expected = 0, @Actual = @VisibleUsers;
    EXEC [tSQLt].[AssertEquals] @Expected = 50200, @Actual = @Second;
END;
GO
CREATE PROCEDURE [SessionContextTests].[test an inactive user is refused with 50201 and a message without the status]
AS
BEGIN
    -- Arrange
    DECLARE @Sus BIGINT = (SELECT [UserId] FROM [SessionContextTests].[Actors] WHERE [Actor] = 'sus');
    DECLARE @Expected NVARCHAR(2048) = CONCAT(N'No session context was set: user ', @Sus, N' does not exist or may not start a session now.');

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 50201, @ExpectedMessage = @Expected;

    -- Act
    EXEC [Security].[usp_SetSessionContext] @UserId = @Sus;
END;
GO
CREATE PROCEDURE [SessionContextTests].[test a locked-out user gets the same refusal as an unknown id]
AS
BEGIN
    -- Arrange
    DECLARE @Lou BIGINT = (SELECT [UserId] FROM [SessionContextTests].[Actors] WHERE [Actor] = 'lou');
    DECLARE @Unknown BIGINT = -1;
    DECLARE @Locked NVARCHAR(2048);
    DECLARE @Missing NVARCHAR(2048);

    -- Act
    BEGIN TRY
        EXEC [Security].[usp_SetSessionContext] @UserId = @Lou;
    END TRY
    BEGIN CATCH
        SET @Locked = CONCAT(ERROR_NUMBER(), N': ', REPLACE(ERROR_MESSAGE(), CONCAT(N' ', @Lou, N' '), N' <id> '));
    END CATCH;
    BEGIN TRY
        EXEC [Security].[usp_SetSessionContext] @UserId = @Unknown;
    END TRY
    BEGIN CATCH
        SET @Missing = CONCAT(ERROR_NUMBER(), N': ', REPLACE(ERROR_MESSAGE(), CONCAT(N' ', @Unknown, N' '), N' <id> '));
    END CATCH;

    -- Assert
    EXEC [tSQLt].[AssertEqualsString] @Expected = N'50201: No session context was set: user <id> does not exist or may not start a session now.', @Actual = @Missing;
    EXEC [tSQLt].[AssertEqualsString] @Expected = @Missing, @Actual = @Locked;
END;
GO
CREATE PROCEDURE [SessionContextTests].[test a permission list longer than 4000 characters is held in full]
AS
BEGIN
    -- Arrange
    DECLARE @Wid BIGINT = (SELECT [UserId] FROM [SessionContextTests].[Actors] WHERE [Actor] = 'wid');
    DECLARE @Last VARCHAR(71) = (SELECT MAX([Code]) FROM [Identity].[Permissions] WHERE [Category] LIKE REPLICATE('x', 34) + 'tsqlt%');
    CREATE TABLE #Held ([PermissionCode] VARCHAR(71) NOT NULL, [IsSuperAdmin] BIT NOT NULL);

    -- Act
    EXEC [Security].[usp_SetSessionContext] @UserId = @Wid;
    INSERT INTO #Held ([PermissionCode], [IsSuperAdmin]) EXEC [Api].[usp_GetMyPermissions];

    -- Assert
    DECLARE @Length INT = (SELECT LEN([Permissions]) FROM [Security].[SessionSeals] WHERE [SessionId] = @@SPID);
    DECLARE @Held INT = (SELECT COUNT(*) FROM #Held WHERE [PermissionCode] LIKE REPLICATE('x', 34) + 'tsqlt%');
    DECLARE @HoldsLast INT = (SELECT COUNT(*) FROM [Security].[fn_SessionHasPermission](@Last));
    EXEC [tSQLt].[AssertEquals] @Expected = 120, @Actual = @Held;
    EXEC [tSQLt].[AssertEquals] @Expected = 1, @Actual = @HoldsLast;
    IF @Length <= 4000
        EXEC [tSQLt].[Fail] @Message0 = N'The arranged permission list is not longer than 4000 characters; the test proves nothing.';
END;
GO
CREATE PROCEDURE [SessionContextTests].[test a call by a principal outside FoundationApplication is logged with its principal id]
AS
BEGIN
    -- Arrange: the test runs as dbo, which is not a member of FoundationApplication.
    DECLARE @Ann BIGINT = (SELECT [UserId] FROM [SessionContextTests].[Actors] WHERE [Actor] = 'ann');
    DECLARE @Before BIGINT = (SELECT ISNULL(MAX([PrivilegedSessionId]), 0) FROM [Security].[PrivilegedSessions]);

    -- Act
    EXEC [Security].[usp_SetSessionContext] @UserId = @Ann;

    -- Assert
    DECLARE @Logged INT = (
        SELECT COUNT(*) FROM [Security].[PrivilegedSessions]
        WHERE [PrivilegedSessionId] > @Before AND [Kind] = 'NonApplication' AND [UserId] = @Ann
            AND [SessionId] = @@SPID AND [CallerPrincipalId] = DATABASE_PRINCIPAL_ID());
    EXEC [tSQLt].[AssertEquals] @Expected = 1, @Actual = @Logged;
END;
GO
CREATE PROCEDURE [SessionContextTests].[test an application session of a BasicUser is not logged]
AS
BEGIN
    -- Arrange
    DECLARE @Ann BIGINT = (SELECT [UserId] FROM [SessionContextTests].[Actors] WHERE [Actor] = 'ann');
    DECLARE @Application SYSNAME = N'tsqlt_app';
    EXEC [TestSupport].[usp_CreateTestUser] @UserName = @Application, @RoleName = N'FoundationApplication';
    DECLARE @Before BIGINT = (SELECT ISNULL(MAX([PrivilegedSessionId]), 0) FROM [Security].[PrivilegedSessions]);

    -- Act
    EXECUTE AS USER = @Application;
    EXEC [Security].[usp_SetSessionContext] @UserId = @Ann;
    REVERT;

    -- Assert
    DECLARE @Logged INT = (SELECT COUNT(*) FROM [Security].[PrivilegedSessions] WHERE [PrivilegedSessionId] > @Before);
    DECLARE @Trusted INT = (SELECT COUNT(*) FROM [Security].[fn_SessionIsTrusted]());
    EXEC [tSQLt].[AssertEquals] @Expected = 0, @Actual = @Logged;
    EXEC [tSQLt].[AssertEquals] @Expected = 1, @Actual = @Trusted;
END;
GO
CREATE PROCEDURE [SessionContextTests].[test a repeated deployment context call is a no-op]
AS
BEGIN
    -- Arrange
    EXEC [Security].[usp_SetDeploymentSessionContext];
    DECLARE @Hash BINARY(32) = (SELECT [ContextHash] FROM [Security].[SessionSeals] WHERE [SessionId] = @@SPID);
    DECLARE @Logged INT = (SELECT COUNT(*) FROM [Security].[PrivilegedSessions] WHERE [Kind] = 'Deployment');

    -- Act
    EXEC [Security].[usp_SetDeploymentSessionContext];

    -- Assert
    DECLARE @HashAfter BINARY(32) = (SELECT [ContextHash] FROM [Security].[SessionSeals] WHERE [SessionId] = @@SPID);
    DECLARE @LoggedAfter INT = (SELECT COUNT(*) FROM [Security].[PrivilegedSessions] WHERE [Kind] = 'Deployment');
    EXEC [tSQLt].[AssertEquals] @Expected = @Hash, @Actual = @HashAfter;
    EXEC [tSQLt].[AssertEquals] @Expected = @Logged, @Actual = @LoggedAfter;
END;
GO
CREATE PROCEDURE [SessionContextTests].[test the deployment context is refused with 50205 in a session acting for a user]
AS
BEGIN
    -- Arrange
    DECLARE @Ann BIGINT = (SELECT [UserId] FROM [SessionContextTests].[Actors] WHERE [Actor] = 'ann');
    EXEC [Security].[usp_SetSessionContext] @UserId = @Ann;

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 50205;

    -- Act
    EXEC [Security].[usp_SetDeploymentSessionContext];
END;
GO
CREATE PROCEDURE [SessionContextTests].[test a stale deployment seal fails loudly with 50200 instead of being trusted]
AS
BEGIN
    -- Arrange: a deployment context whose seal no longer matches, as after a schema change to fn_ContextHash or the
    -- seal between the context call and now. No principal is trusted instead (the caller here is dbo).
    EXEC [Security].[usp_SetDeploymentSessionContext];
    UPDATE [Security].[SessionSeals] SET [ContextHash] = CAST(0x00 AS BINARY(32)) WHERE [SessionId] = @@SPID;

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 50200;

    -- Act
    EXEC [Security].[usp_SetDeploymentSessionContext];
END;
GO
CREATE PROCEDURE [SessionContextTests].[test a stale deployment seal grants nothing]
AS
BEGIN
    -- Arrange
    EXEC [Security].[usp_SetDeploymentSessionContext];
    UPDATE [Security].[SessionSeals] SET [ContextHash] = CAST(0x00 AS BINARY(32)) WHERE [SessionId] = @@SPID;

    -- Act
    DECLARE @Visible INT = (SELECT COUNT(*) FROM [Tenancy].[Tenants]);
    DECLARE @Trusted INT = (SELECT COUNT(*) FROM [Security].[fn_SessionIsTrusted]());

    -- Assert
    EXEC [tSQLt].[AssertEquals] @Expected = 0, @Actual = @Visible;
    EXEC [tSQLt].[AssertEquals] @Expected = 0, @Actual = @Trusted;
END;
GO
