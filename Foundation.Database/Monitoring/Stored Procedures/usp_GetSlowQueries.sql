/*
 Slowest queries from Query Store over a window (default: the last 24 hours), by total duration.
 Statement text is returned only for statements inside modules (procedures, functions): ad-hoc statement text can carry
 literal values (e-mail addresses, names) that the monitoring role must not read; ad-hoc queries are identified by
 QueryHash instead. Reads with VIEW DATABASE PERFORMANCE STATE, carried by its certificate signature (post-deployment
 070): FoundationMonitoring holds EXECUTE only, so it cannot read Query Store ad hoc.
*/
CREATE PROCEDURE [Monitoring].[usp_GetSlowQueries]
    @Since DATETIMEOFFSET(7) = NULL,
    @Top INT = 20
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @From DATETIMEOFFSET(7) = ISNULL(@Since, DATEADD(HOUR, -24, SYSUTCDATETIME()));

    SELECT TOP (@Top)
        [query].[query_id] AS [QueryId],
        [query].[query_hash] AS [QueryHash],
        OBJECT_SCHEMA_NAME([query].[object_id]) AS [ModuleSchema],
        OBJECT_NAME([query].[object_id]) AS [ModuleName],
        CASE WHEN [query].[object_id] > 0 THEN LEFT([text].[query_sql_text], 4000) END AS [StatementText],
        SUM([stats].[count_executions]) AS [Executions],
        CAST(SUM([stats].[avg_duration] * [stats].[count_executions]) / 1000.0 AS DECIMAL(19, 3)) AS [TotalDurationMs],
        CAST(SUM([stats].[avg_duration] * [stats].[count_executions]) / NULLIF(SUM([stats].[count_executions]), 0) / 1000.0 AS DECIMAL(19, 3)) AS [AverageDurationMs],
        CAST(MAX([stats].[max_duration]) / 1000.0 AS DECIMAL(19, 3)) AS [MaxDurationMs],
        CAST(SUM([stats].[avg_cpu_time] * [stats].[count_executions]) / NULLIF(SUM([stats].[count_executions]), 0) / 1000.0 AS DECIMAL(19, 3)) AS [AverageCpuMs],
        CAST(SUM([stats].[avg_logical_io_reads] * [stats].[count_executions]) / NULLIF(SUM([stats].[count_executions]), 0) AS DECIMAL(19, 1)) AS [AverageLogicalReads],
        COUNT(DISTINCT [plan].[plan_id]) AS [Plans],
        MAX([stats].[last_execution_time]) AS [LastExecutedAt]
    FROM [sys].[query_store_query] AS [query]
    INNER JOIN [sys].[query_store_query_text] AS [text] ON [text].[query_text_id] = [query].[query_text_id]
    INNER JOIN [sys].[query_store_plan] AS [plan] ON [plan].[query_id] = [query].[query_id]
    INNER JOIN [sys].[query_store_runtime_stats] AS [stats] ON [stats].[plan_id] = [plan].[plan_id]
    INNER JOIN [sys].[query_store_runtime_stats_interval] AS [interval]
        ON [interval].[runtime_stats_interval_id] = [stats].[runtime_stats_interval_id]
    WHERE [interval].[end_time] > @From
    GROUP BY [query].[query_id], [query].[query_hash], [query].[object_id], [text].[query_sql_text]
    ORDER BY [TotalDurationMs] DESC;
END;
