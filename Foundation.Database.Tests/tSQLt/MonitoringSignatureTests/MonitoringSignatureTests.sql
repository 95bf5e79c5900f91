/*
 MonitoringSignatureTests: the state post-deployment step 070 leaves. Every procedure of the Monitoring schema is signed
 by the current signing certificate, which has no private key; its certificate user holds what the procedures read;
 FoundationMonitoring holds EXECUTE on the Monitoring schema and nothing else, and still runs the procedures.
 Reads the deployed database (tSQLt runs after the deployment); usp_GetIndexUsage and usp_GetMissingIndexes also need
 the server permission of tools/sql/server/040-MonitoringSigner.sql on SQL Server and are not run here.
 A tSQLt test class, created with tSQLt.NewTestClass.
*/
EXEC [tSQLt].[NewTestClass] @ClassName = N'MonitoringSignatureTests';
GO
CREATE PROCEDURE [MonitoringSignatureTests].[test every Monitoring procedure is signed by a certificate without a private key]
AS
BEGIN
    -- Arrange
    DECLARE @Thumbprint VARBINARY(32) = (
        SELECT TOP (1) [thumbprint] FROM [sys].[certificates]
        WHERE [name] LIKE N'FoundationMonitoringSigner[_]%' AND [pvt_key_encryption_type] = 'NA'
        ORDER BY [name] DESC);

    -- Act
    DECLARE @Procedures INT = (SELECT COUNT(*) FROM [sys].[procedures] WHERE [schema_id] = SCHEMA_ID(N'Monitoring'));
    DECLARE @Unsigned INT = (
        SELECT COUNT(*) FROM [sys].[procedures]
        WHERE [schema_id] = SCHEMA_ID(N'Monitoring')
            AND ISNULL(IS_OBJECTSIGNED(N'OBJECT', [object_id], N'certificate', @Thumbprint), 0) = 0);
    DECLARE @WithPrivateKey INT = (
        SELECT COUNT(*) FROM [sys].[certificates]
        WHERE [name] LIKE N'FoundationMonitoringSigner[_]%' AND [pvt_key_encryption_type] <> 'NA');

    -- Assert
    IF @Thumbprint IS NULL OR @Procedures = 0
        EXEC [tSQLt].[Fail] @Message0 = N'No signing certificate without a private key, or no Monitoring procedure.';
    EXEC [tSQLt].[AssertEquals] @Expected = 0, @Actual = @Unsigned;
    EXEC [tSQLt].[AssertEquals] @Expected = 0, @Actual = @WithPrivateKey;
END;
GO
CREATE PROCEDURE [MonitoringSignatureTests].[test FoundationMonitoring holds EXECUTE on the Monitoring schema and nothing else]
AS
BEGIN
    -- Arrange
    CREATE TABLE #Expected ([Permission] NVARCHAR(128) NOT NULL, [State] NVARCHAR(60) NOT NULL, [Class] NVARCHAR(60) NOT NULL, [Securable] NVARCHAR(128) NULL);
    INSERT INTO #Expected VALUES (N'EXECUTE', N'GRANT', N'SCHEMA', N'Monitoring');

    -- Act
    SELECT
        CAST([permission].[permission_name] AS NVARCHAR(128)) AS [Permission],
        CAST([permission].[state_desc] AS NVARCHAR(60)) AS [State],
        CAST([permission].[class_desc] AS NVARCHAR(60)) AS [Class],
        CAST(CASE [permission].[class] WHEN 3 THEN SCHEMA_NAME([permission].[major_id]) END AS NVARCHAR(128)) AS [Securable]
    INTO #Actual
    FROM [sys].[database_permissions] AS [permission]
    WHERE [permission].[grantee_principal_id] = DATABASE_PRINCIPAL_ID(N'FoundationMonitoring');

    -- Assert
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [MonitoringSignatureTests].[test the signing certificate user holds VIEW DATABASE PERFORMANCE STATE]
AS
BEGIN
    -- Arrange
    DECLARE @Signer SYSNAME = (
        SELECT TOP (1) [name] FROM [sys].[certificates]
        WHERE [name] LIKE N'FoundationMonitoringSigner[_]%' AND [pvt_key_encryption_type] = 'NA'
        ORDER BY [name] DESC);

    -- Act
    DECLARE @Granted INT = (
        SELECT COUNT(*) FROM [sys].[database_permissions]
        WHERE [grantee_principal_id] = DATABASE_PRINCIPAL_ID(@Signer)
            AND [class] = 0 AND [permission_name] = N'VIEW DATABASE PERFORMANCE STATE' AND [state] = 'G');

    -- Assert
    EXEC [tSQLt].[AssertEquals] @Expected = 1, @Actual = @Granted;
END;
GO
CREATE PROCEDURE [MonitoringSignatureTests].[test a member of FoundationMonitoring runs usp_GetSlowQueries through its signature]
AS
BEGIN
    -- Arrange
    DECLARE @Monitor SYSNAME = N'tsqlt_monitor';
    EXEC [TestSupport].[usp_CreateTestUser] @UserName = @Monitor, @RoleName = N'FoundationMonitoring';
    CREATE TABLE #Slow (
        [QueryId] BIGINT NULL, [QueryHash] BINARY(8) NULL, [ModuleSchema] NVARCHAR(128) NULL, [ModuleName] NVARCHAR(128) NULL,
        [StatementText] NVARCHAR(4000) NULL, [Executions] BIGINT NULL, [TotalDurationMs] DECIMAL(19, 3) NULL,
        [AverageDurationMs] DECIMAL(19, 3) NULL, [MaxDurationMs] DECIMAL(19, 3) NULL, [AverageCpuMs] DECIMAL(19, 3) NULL,
        [AverageLogicalReads] DECIMAL(19, 1) NULL, [Plans] INT NULL, [LastExecutedAt] DATETIMEOFFSET(7) NULL);

    -- Assert (tSQLt fails the test if the act raises any error)
    EXEC [tSQLt].[ExpectNoException];

    -- Act
    EXECUTE AS USER = @Monitor;
    INSERT INTO #Slow EXEC [Monitoring].[usp_GetSlowQueries] @Top = 5;
    REVERT;
END;
GO
