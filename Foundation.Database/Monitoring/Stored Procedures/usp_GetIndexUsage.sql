/*
 How each index of Foundation's tables has been used since the last restart: seeks, scans, lookups against updates.
 An index with many updates and no reads costs writes for nothing; a table read mostly by scans may lack the index its
 queries need (see usp_GetMissingIndexes). Reads with VIEW DEFINITION on the data schemas and, on SQL Server 2022, VIEW
 SERVER PERFORMANCE STATE, both carried by its certificate signature (post-deployment 070; the server half by
 tools/sql/server/040-MonitoringSigner.sql): FoundationMonitoring holds EXECUTE only.
*/
CREATE PROCEDURE [Monitoring].[usp_GetIndexUsage]
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    SELECT
        SCHEMA_NAME([table].[schema_id]) AS [SchemaName],
        [table].[name] AS [TableName],
        [index].[name] AS [IndexName],
        [index].[type_desc] AS [IndexType],
        [index].[is_unique] AS [IsUnique],
        ISNULL([usage].[user_seeks], 0) AS [Seeks],
        ISNULL([usage].[user_scans], 0) AS [Scans],
        ISNULL([usage].[user_lookups], 0) AS [Lookups],
        ISNULL([usage].[user_updates], 0) AS [Updates],
        [usage].[last_user_seek] AS [LastSeekAt],
        [usage].[last_user_scan] AS [LastScanAt],
        [usage].[last_user_update] AS [LastUpdateAt]
    FROM [sys].[tables] AS [table]
    INNER JOIN [sys].[indexes] AS [index] ON [index].[object_id] = [table].[object_id]
    LEFT JOIN [sys].[dm_db_index_usage_stats] AS [usage]
        ON [usage].[database_id] = DB_ID()
        AND [usage].[object_id] = [index].[object_id]
        AND [usage].[index_id] = [index].[index_id]
    WHERE [table].[is_ms_shipped] = 0
    ORDER BY [SchemaName], [TableName], [index].[index_id];
END;
