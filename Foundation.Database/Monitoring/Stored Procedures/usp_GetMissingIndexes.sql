/*
 Indexes the optimizer asked for on Foundation's tables since the last restart, most useful first
 (estimated improvement = seeks and scans x average cost x average impact). A hint, not a prescription: check the
 suggestion against the existing indexes (usp_GetIndexUsage) and the row-level security predicates, whose TenantId must
 stay the leading column. Reads with VIEW SERVER PERFORMANCE STATE on SQL Server 2022, carried by its certificate
 signature (post-deployment 070, tools/sql/server/040-MonitoringSigner.sql): FoundationMonitoring holds EXECUTE only.
*/
CREATE PROCEDURE [Monitoring].[usp_GetMissingIndexes]
    @Top INT = 25
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    SELECT TOP (@Top)
        OBJECT_SCHEMA_NAME([detail].[object_id]) AS [SchemaName],
        OBJECT_NAME([detail].[object_id]) AS [TableName],
        [detail].[equality_columns] AS [EqualityColumns],
        [detail].[inequality_columns] AS [InequalityColumns],
        [detail].[included_columns] AS [IncludedColumns],
        [stats].[user_seeks] AS [Seeks],
        [stats].[user_scans] AS [Scans],
        CAST([stats].[avg_total_user_cost] AS DECIMAL(19, 3)) AS [AverageQueryCost],
        CAST([stats].[avg_user_impact] AS DECIMAL(5, 2)) AS [AverageImpactPercent],
        CAST(([stats].[user_seeks] + [stats].[user_scans]) * [stats].[avg_total_user_cost] * [stats].[avg_user_impact] / 100.0 AS DECIMAL(19, 1)) AS [EstimatedImprovement],
        [stats].[last_user_seek] AS [LastSeekAt]
    FROM [sys].[dm_db_missing_index_details] AS [detail]
    INNER JOIN [sys].[dm_db_missing_index_groups] AS [group] ON [group].[index_handle] = [detail].[index_handle]
    INNER JOIN [sys].[dm_db_missing_index_group_stats] AS [stats] ON [stats].[group_handle] = [group].[index_group_handle]
    WHERE [detail].[database_id] = DB_ID()
    ORDER BY [EstimatedImprovement] DESC;
END;
