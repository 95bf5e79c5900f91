/*
 990 Close this deployment's row in [Deploy].[SchemaHistory] as Succeeded (or write it, on a first deployment, when
 030 had no table to write to), then release the deployment lock if 010 took it.
*/
DECLARE @DeploymentId UNIQUEIDENTIFIER = COALESCE(TRY_CAST(NULLIF(N'$(DeploymentId)', N'') AS UNIQUEIDENTIFIER),
    TRY_CAST(SESSION_CONTEXT(N'Foundation.Deploy.DeploymentId') AS UNIQUEIDENTIFIER), NEWID());

UPDATE [Deploy].[SchemaHistory]
SET [Outcome] = 'Succeeded', [CompletedAt] = SYSUTCDATETIME()
WHERE [DeploymentId] = @DeploymentId AND [Outcome] = 'Running';

IF @@ROWCOUNT = 0 AND NOT EXISTS (SELECT 1 FROM [Deploy].[SchemaHistory] WHERE [DeploymentId] = @DeploymentId)
BEGIN
    INSERT INTO [Deploy].[SchemaHistory]
        ([DeploymentId], [ReleaseVersion], [DacpacChecksum], [Direction], [PreviousVersion], [CompletedAt], [Outcome], [ToolVersion], [ReportHash])
    VALUES (@DeploymentId, ISNULL(NULLIF(N'$(ReleaseVersion)', N''), N'unknown'), NULLIF('$(DacpacChecksum)', ''), ISNULL(NULLIF('$(DeploymentDirection)', ''), 'Deploy'),
            (SELECT TOP (1) [ReleaseVersion] FROM [Deploy].[SchemaHistory] WHERE [Outcome] = 'Succeeded' ORDER BY [SchemaHistoryId] DESC),
            SYSUTCDATETIME(), 'Succeeded', NULLIF(N'$(ToolVersion)', N''), NULLIF('$(ReportHash)', ''));
END;

PRINT CONCAT(N'Deployment ', @DeploymentId, N' of release $(ReleaseVersion) recorded as Succeeded.');

IF N'$(DeploymentLockHeld)' <> N'True' AND APPLOCK_MODE(N'public', N'Foundation.Deploy', N'Session') <> N'NoLock'
    EXEC [sys].[sp_releaseapplock] @Resource = N'Foundation.Deploy', @LockOwner = 'Session';
GO
