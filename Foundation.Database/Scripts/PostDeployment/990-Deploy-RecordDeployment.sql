/*
 990 Close this deployment's row in [Deploy].[SchemaHistory] as Succeeded (or write it, on a first deployment, when
 030 had no table to write to), then release the deployment lock if 010 took it. This is the deployment's last
 statement that can fail: every step that can refuse (the data validation 900, the constraint validation 910) runs
 before it, and the profiles set ScriptNewConstraintValidation=False, so DacFx appends no validation after it (the
 offline rehearsal checks that nothing but PRINT follows, Foundation.Database.Tests/Deployment/Rehearsal).
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

-- The lock lives in master (in the database itself on Azure SQL Database), as 010 took it.
IF N'$(DeploymentLockHeld)' <> N'True'
BEGIN
    DECLARE @LockDatabase SYSNAME = IIF(CAST(SERVERPROPERTY('EngineEdition') AS INT) = 5, DB_NAME(), N'master');
    DECLARE @LockResource NVARCHAR(255) = CONCAT(N'Foundation.Deploy:', DB_NAME());
    DECLARE @LockMode NVARCHAR(32);
    DECLARE @InLockDatabase NVARCHAR(300) = QUOTENAME(@LockDatabase) + N'.[sys].[sp_executesql]';
    EXEC @InLockDatabase N'SET @Mode = APPLOCK_MODE(N''public'', @Resource, N''Session'');',
        N'@Resource NVARCHAR(255), @Mode NVARCHAR(32) OUTPUT', @Resource = @LockResource, @Mode = @LockMode OUTPUT;
    IF @LockMode <> N'NoLock'
    BEGIN
        DECLARE @ReleaseProcedure NVARCHAR(300) = QUOTENAME(@LockDatabase) + N'.[sys].[sp_releaseapplock]';
        EXEC @ReleaseProcedure @Resource = @LockResource, @LockOwner = 'Session';
    END;
END;
GO
