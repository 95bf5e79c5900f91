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
