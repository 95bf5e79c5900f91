/*
 920 Database options, set deliberately after the schema change. The profiles set ScriptDatabaseOptions=False: with it
 on, DacFx aligns every database option with the model before the pre-deployment script, that is before the lock and
 the version guard (for example it switches READ_COMMITTED_SNAPSHOT, ALLOW_SNAPSHOT_ISOLATION or accelerated database
 recovery off WITH ROLLBACK IMMEDIATE when the model does not have them). Foundation sets only the options it owns:
 Query Store, as the project declares it (Foundation.Database.sqlproj, QueryStore*; docs/security.md), and only when
 the database differs. Row versioning, ADR and the compatibility level stay as the DBA set them (025 refuses a level
 the code cannot run at). DeploymentOptionsTests checks that these values are the model's.
*/
SET NOCOUNT ON;
IF NOT EXISTS (
    SELECT 1 FROM [sys].[database_query_store_options]
    WHERE [desired_state_desc] = N'READ_WRITE'
      AND [query_capture_mode_desc] = N'AUTO'
      AND [flush_interval_seconds] = 900
      AND [interval_length_minutes] = 60
      AND [max_plans_per_query] = 200
      AND [stale_query_threshold_days] = 30
      AND [max_storage_size_mb] = 1024)
BEGIN
    PRINT N'Setting Query Store options (READ_WRITE, AUTO capture) as the project declares them...';
    ALTER DATABASE CURRENT SET QUERY_STORE = ON;
    ALTER DATABASE CURRENT SET QUERY_STORE (OPERATION_MODE = READ_WRITE, QUERY_CAPTURE_MODE = AUTO, DATA_FLUSH_INTERVAL_SECONDS = 900,
        INTERVAL_LENGTH_MINUTES = 60, MAX_PLANS_PER_QUERY = 200, CLEANUP_POLICY = (STALE_QUERY_THRESHOLD_DAYS = 30), MAX_STORAGE_SIZE_MB = 1024);
END;
GO
