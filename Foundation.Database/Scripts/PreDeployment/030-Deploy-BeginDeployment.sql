/*
 030 Open this deployment's row in [Deploy].[SchemaHistory] (Running). Rows a failed SqlPackage run left Running are
 closed as Failed first (this deployment holds the lock, so no other one is running). On a first deployment the
 table does not exist yet and 990 writes the row. The deployment id is kept in the session for 990 (SqlPackage runs
 the whole script on one session; Foundation.Deploy always passes DeploymentId). Foundation.Deploy runs this inside
 the transaction of the schema change: if the deployment fails, the row is rolled back and the tool writes it Failed.
*/
DECLARE @DeploymentId UNIQUEIDENTIFIER = COALESCE(TRY_CAST(NULLIF(N'$(DeploymentId)', N'') AS UNIQUEIDENTIFIER), NEWID());
EXEC [sys].[sp_set_session_context] @key = N'Foundation.Deploy.DeploymentId', @value = @DeploymentId;

IF OBJECT_ID(N'[Deploy].[SchemaHistory]', N'U') IS NOT NULL
BEGIN
    EXEC [sys].[sp_executesql] N'
        UPDATE [Deploy].[SchemaHistory]
        SET [Outcome] = ''Failed'', [CompletedAt] = SYSUTCDATETIME(),
            [ErrorMessage] = ISNULL([ErrorMessage], N''The deployment did not finish (found Running by a later deployment).'')
        WHERE [Outcome] = ''Running'';

        INSERT INTO [Deploy].[SchemaHistory] ([DeploymentId], [ReleaseVersion], [DacpacChecksum], [Direction], [PreviousVersion], [ToolVersion], [ReportHash])
        VALUES (@DeploymentId, ISNULL(NULLIF(N''$(ReleaseVersion)'', N''''), N''unknown''), NULLIF(''$(DacpacChecksum)'', ''''), ISNULL(NULLIF(''$(DeploymentDirection)'', ''''), ''Deploy''),
                (SELECT TOP (1) [ReleaseVersion] FROM [Deploy].[SchemaHistory] WHERE [Outcome] = ''Succeeded'' ORDER BY [SchemaHistoryId] DESC),
                NULLIF(N''$(ToolVersion)'', N''''), NULLIF(''$(ReportHash)'', ''''));',
        N'@DeploymentId UNIQUEIDENTIFIER', @DeploymentId = @DeploymentId;
END;
GO
