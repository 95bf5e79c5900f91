/*
 TestSupport: procedures the test classes share. Not a test class (no tSQLt.TestClass property), so tSQLt.RunAll
 never runs it. Install.sql deploys it before the classes.
*/
CREATE SCHEMA [TestSupport] AUTHORIZATION [dbo];
GO
CREATE PROCEDURE [TestSupport].[usp_DropSecurityPolicies]
AS
BEGIN
    SET NOCOUNT ON;
    -- The security policies bind the tables with SCHEMABINDING, which stops tSQLt.FakeTable from renaming them, and
    -- filter the rows a test arranges. Called from a SetUp, so it runs inside the test's transaction and tSQLt's
    -- rollback brings the policies back; RowLevelSecurityTests tests them with the policies on.
    DECLARE @DropPolicies NVARCHAR(MAX) = N'';
    SELECT @DropPolicies += N'DROP SECURITY POLICY ' + QUOTENAME(SCHEMA_NAME([schema_id])) + N'.' + QUOTENAME([name]) + N';'
    FROM [sys].[security_policies];
    EXEC [sys].[sp_executesql] @DropPolicies;
END;
GO
CREATE PROCEDURE [TestSupport].[usp_BeginSessionTest]
AS
BEGIN
    SET NOCOUNT ON;
    -- For the classes that start Foundation sessions (SessionContextTests, DelegationTests, ReportingSessionTests,
    -- ProfileUpdateTests, RowLevelSecurityTests): clears the keys an earlier test of this session left (writable ones; a read-only key raises
    -- 15664, and the test fails with the reason), then spies [Security].[usp_SetReadOnlySessionKey], the one place that
    -- sets keys, so that inside the test the session procedures set the same keys writable (SESSION_CONTEXT is not
    -- transactional; a read-only key would outlive tSQLt's rollback). The spy also serves two hooks of the test:
    --   #KeyLog (KeyName, SealRows): logs each key set, with the number of seals of this session at that moment;
    --   #FailAtKey (KeyName): fails (50999) when that key is about to be set, as a failure or an attention would.
    BEGIN TRY
        EXEC [TestSupport].[usp_ClearSessionContext];
    END TRY
    BEGIN CATCH
        DECLARE @Reason NVARCHAR(MAX) = CONCAT(
            N'This session already holds a read-only Foundation session context (', ERROR_MESSAGE(),
            N'). Run the class on a new connection.');
        EXEC [tSQLt].[Fail] @Message0 = @Reason;
    END CATCH;

    EXEC [tSQLt].[SpyProcedure]
        @ProcedureName = N'[Security].[usp_SetReadOnlySessionKey]',
        @CommandToExecute = N'
            IF OBJECT_ID(N''tempdb..#KeyLog'') IS NOT NULL
                INSERT INTO #KeyLog ([KeyName], [SealRows])
                SELECT @Key, COUNT(*) FROM [Security].[SessionSeals] WHERE [SessionId] = @@SPID;
            IF OBJECT_ID(N''tempdb..#FailAtKey'') IS NOT NULL AND EXISTS (SELECT 1 FROM #FailAtKey WHERE [KeyName] = @Key)
                THROW 50999, N''Simulated failure while setting a session key.'', 1;
            EXEC [sys].[sp_set_session_context] @key = @Key, @value = @Value, @read_only = 0;';
END;
GO
CREATE PROCEDURE [TestSupport].[usp_ClearSessionContext]
AS
BEGIN
    SET NOCOUNT ON;
    -- Ends the Foundation context of this session (possible only while the keys are writable, i.e. under the spy of
    -- usp_BeginSessionTest), so that a test can act as someone else next. The seal row stays until the next seal.
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.UserId', @value = NULL;
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.TenantId', @value = NULL;
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.IsSuperAdmin', @value = NULL;
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.IsSystem', @value = NULL;
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.Permissions', @value = NULL;
    EXEC [sys].[sp_set_session_context] @key = N'Foundation.SessionNonce', @value = NULL;
END;
GO
CREATE PROCEDURE [TestSupport].[usp_CreateTestUser]
    @UserName SYSNAME,
    @RoleName SYSNAME = NULL
AS
BEGIN
    SET NOCOUNT ON;
    -- A database user without a login, optionally in a Foundation role, for tests that act as a principal
    -- (EXECUTE AS USER = @name). Created inside the test's transaction, so tSQLt's rollback removes it. Dynamic SQL:
    -- the names are not objects of the model the tSQLt files are validated against.
    DECLARE @Sql NVARCHAR(MAX) = CONCAT(N'CREATE USER ', QUOTENAME(@UserName), N' WITHOUT LOGIN;',
        CASE WHEN @RoleName IS NOT NULL THEN CONCAT(N' ALTER ROLE ', QUOTENAME(@RoleName), N' ADD MEMBER ', QUOTENAME(@UserName), N';') END);
    EXEC [sys].[sp_executesql] @Sql;
END;
GO
CREATE PROCEDURE [TestSupport].[usp_AddRoleMemberAs]
    @Actor SYSNAME,
    @RoleName SYSNAME,
    @Member SYSNAME
AS
BEGIN
    SET NOCOUNT ON;
    -- ALTER ROLE @RoleName ADD MEMBER @Member, run as the database user @Actor (EXECUTE AS USER, reverted when this
    -- procedure ends, also on an error): for tests of who may change role membership. Dynamic SQL: names are parameters.
    DECLARE @Sql NVARCHAR(MAX) = CONCAT(N'ALTER ROLE ', QUOTENAME(@RoleName), N' ADD MEMBER ', QUOTENAME(@Member), N';');
    EXECUTE AS USER = @Actor;
    EXEC [sys].[sp_executesql] @Sql;
    REVERT;
END;
GO
CREATE PROCEDURE [TestSupport].[usp_SetSecurityPolicyState]
    @TableName NVARCHAR(300),
    @Enabled BIT
AS
BEGIN
    SET NOCOUNT ON;
    -- Switches every security policy with a predicate on @TableName off or on, for a test's arrangement: called from a
    -- test, it runs inside the test's transaction, and tSQLt's rollback restores the policies' state. The policies are
    -- found by their targets (sys.security_predicates), not by their names.
    DECLARE @TableId INT = OBJECT_ID(@TableName, N'U');
    IF @TableId IS NULL
    BEGIN
        DECLARE @Missing NVARCHAR(400) = CONCAT(N'usp_SetSecurityPolicyState: there is no table ', @TableName, N'.');
        EXEC [tSQLt].[Fail] @Message0 = @Missing;
    END;

    DECLARE @SetState NVARCHAR(MAX) = N'';
    SELECT @SetState += N'ALTER SECURITY POLICY ' + QUOTENAME(SCHEMA_NAME([policy].[schema_id])) + N'.' + QUOTENAME([policy].[name])
        + N' WITH (STATE = ' + CASE WHEN @Enabled = 1 THEN N'ON' ELSE N'OFF' END + N');'
    FROM [sys].[security_policies] AS [policy]
    WHERE EXISTS (
        SELECT 1
        FROM [sys].[security_predicates] AS [predicate]
        WHERE [predicate].[object_id] = [policy].[object_id] AND [predicate].[target_object_id] = @TableId);
    EXEC [sys].[sp_executesql] @SetState;
END;
GO
