/*
 010 Deployment lock: one deployment at a time. Foundation.Deploy takes the lock on a connection of its own before
 it plans, and passes DeploymentLockHeld=True; a deployment without the tool (SqlPackage) takes it here, on the
 deployment's own session, and 990 releases it (so does the end of the session).
*/
IF N'$(DeploymentLockHeld)' <> N'True'
BEGIN
    DECLARE @LockResult INT;
    EXEC @LockResult = [sys].[sp_getapplock] @Resource = N'Foundation.Deploy', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0;
    IF @LockResult < 0
        THROW 50301, N'Another deployment holds the deployment lock (sp_getapplock ''Foundation.Deploy''). Nothing was changed; retry when it has finished.', 1;
END;
GO
