/*
 900 Data validation after every deployment and rollback: any violation fails the deployment with its list, and the
 deployment's row in [Deploy].[SchemaHistory] is closed as Failed (the data migrations have committed; the report
 says what to fix, and `Foundation.Deploy verify` re-runs the checks).
*/
SET XACT_ABORT ON;
CREATE TABLE [#Violations] ([CheckName] NVARCHAR(128), [TableName] NVARCHAR(256), [RowKey] NVARCHAR(200), [Detail] NVARCHAR(1000));
INSERT INTO [#Violations] ([CheckName], [TableName], [RowKey], [Detail])
EXEC [Deploy].[usp_ValidateData];

IF EXISTS (SELECT 1 FROM [#Violations])
BEGIN
    DECLARE @Count INT = (SELECT COUNT(*) FROM [#Violations]);
    DECLARE @List NVARCHAR(MAX) = (
        SELECT STRING_AGG(CAST(CONCAT([CheckName], N': ', [TableName], N' ', [RowKey], N': ', [Detail]) AS NVARCHAR(MAX)), NCHAR(10))
        FROM (SELECT TOP (20) [CheckName], [TableName], [RowKey], [Detail] FROM [#Violations] ORDER BY [CheckName], [RowKey]) AS [v]);
    DECLARE @Message NVARCHAR(2048) = LEFT(CONCAT(N'Data validation failed with ', @Count, N' violation(s):', NCHAR(10), @List), 2048);
    DECLARE @DeploymentId UNIQUEIDENTIFIER = COALESCE(TRY_CAST(NULLIF(N'$(DeploymentId)', N'') AS UNIQUEIDENTIFIER),
        TRY_CAST(SESSION_CONTEXT(N'Foundation.Deploy.DeploymentId') AS UNIQUEIDENTIFIER));
    UPDATE [Deploy].[SchemaHistory]
    SET [Outcome] = 'Failed', [CompletedAt] = SYSUTCDATETIME(), [ErrorMessage] = @Message
    WHERE [DeploymentId] = @DeploymentId;
    DROP TABLE [#Violations];
    THROW 50320, @Message, 1;
END;

DROP TABLE [#Violations];
GO
