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
