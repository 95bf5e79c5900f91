/*
 010 Deployment lock: one deployment of a database at a time, first deployments included. The lock is an exclusive,
 session-owned application lock named 'Foundation.Deploy:<database name>' in master, so it exists before the database
 does and is the same resource whether Foundation.Deploy or this script takes it. Foundation.Deploy takes it on a
 connection of its own before it plans and passes DeploymentLockHeld=True; a deployment without the tool (SqlPackage)
 takes it here, on the deployment's own session, and 990 releases it (so does the end of the session).
 sp_getapplock "is created in the current database for the session"; a system procedure called through master runs
 in master. Azure SQL Database (engine edition 5) allows no cross-database call: there the lock is taken in the
 database itself, so a first deployment into a database that does not exist yet is not serialised (docs/deployment.md).
 The procedure name is a variable, so the batch compiles on every platform.
*/
IF N'$(DeploymentLockHeld)' <> N'True'
BEGIN
    DECLARE @LockProcedure NVARCHAR(300) = CASE WHEN CAST(SERVERPROPERTY('EngineEdition') AS INT) = 5
        THEN N'[sys].[sp_getapplock]' ELSE N'[master].[sys].[sp_getapplock]' END;
    DECLARE @LockResource NVARCHAR(255) = CONCAT(N'Foundation.Deploy:', DB_NAME());
    DECLARE @LockResult INT;
    EXEC @LockResult = @LockProcedure @Resource = @LockResource, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0;
    IF @LockResult < 0
    BEGIN
        DECLARE @LockMessage NVARCHAR(2048) = CONCAT(N'Another deployment holds the deployment lock (sp_getapplock ''', @LockResource,
            N''' in ', IIF(CAST(SERVERPROPERTY('EngineEdition') AS INT) = 5, DB_NAME(), N'master'), N'). Nothing was changed; retry when it has finished.');
        THROW 50301, @LockMessage, 1;
    END;
END;
GO
