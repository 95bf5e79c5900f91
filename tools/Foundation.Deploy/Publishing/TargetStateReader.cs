using Foundation.Deploy.Connections;
using Foundation.Deploy.Planning;
using Microsoft.Data.SqlClient;

namespace Foundation.Deploy.Publishing;

/// <summary>
/// Reads what a live database records about itself (the last succeeded deployment, the failed or unfinished ones after
/// it, the migration journal) and the sizes of tables.
/// </summary>
public static class TargetStateReader
{
    public static async Task<LiveTargetState> ReadAsync(DeploymentTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        await using (var server = await SqlConnector.OpenForReadingAsync(target.ServerConnectionString, cancellationToken).ConfigureAwait(false))
        {
            if (!await SqlConnector.DatabaseExistsAsync(server, target.DatabaseName, cancellationToken).ConfigureAwait(false))
            {
                return LiveTargetState.Empty;
            }
        }

        await using var connection = await SqlConnector.OpenForReadingAsync(target.DatabaseConnectionString, cancellationToken).ConfigureAwait(false);
        string? version = null;
        string? checksum = null;
        await using (var command = SqlConnector.ForReading(new SqlCommand(
            """
            IF OBJECT_ID(N'[Deploy].[SchemaHistory]', N'U') IS NOT NULL
                EXEC [sys].[sp_executesql] N'SELECT TOP (1) [ReleaseVersion], [DacpacChecksum] FROM [Deploy].[SchemaHistory]
                                              WHERE [Outcome] = ''Succeeded'' ORDER BY [SchemaHistoryId] DESC;';
            """,
            connection)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                version = reader.GetString(0);
                checksum = reader.IsDBNull(1) ? null : reader.GetString(1);
            }
        }

        var journal = new List<LiveTargetState.JournalEntry>();
        await using (var command = SqlConnector.ForReading(new SqlCommand(
            """
            IF OBJECT_ID(N'[Deploy].[MigrationJournal]', N'U') IS NOT NULL
                EXEC [sys].[sp_executesql] N'SELECT [MigrationId], [Checksum], [AppliedOrder], CAST(CASE WHEN [DownScript] IS NULL THEN 0 ELSE 1 END AS BIT), [Description]
                                              FROM [Deploy].[MigrationJournal] WHERE [RolledBackAt] IS NULL ORDER BY [AppliedOrder];';
            """,
            connection)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                journal.Add(new LiveTargetState.JournalEntry(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetBoolean(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
            }
        }

        var unfinished = new List<LiveTargetState.RecordedDeployment>();
        await using (var command = new SqlCommand(
            """
            IF OBJECT_ID(N'[Deploy].[SchemaHistory]', N'U') IS NOT NULL
                EXEC [sys].[sp_executesql] N'SELECT [ReleaseVersion], [DacpacChecksum], [Direction], [Outcome] FROM [Deploy].[SchemaHistory]
                                              WHERE [SchemaHistoryId] > ISNULL((SELECT MAX([SchemaHistoryId]) FROM [Deploy].[SchemaHistory] WHERE [Outcome] = ''Succeeded''), 0)
                                              ORDER BY [SchemaHistoryId] DESC;';
            """,
            connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                unfinished.Add(new LiveTargetState.RecordedDeployment(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        return new LiveTargetState(true, version, checksum, journal) { Unfinished = unfinished };
    }

    public static async Task<IReadOnlyList<TableSize>> ReadSizesAsync(DeploymentTarget target, IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(tables);
        if (tables.Count == 0)
        {
            return [];
        }

        await using var connection = await SqlConnector.OpenForReadingAsync(target.DatabaseConnectionString, cancellationToken).ConfigureAwait(false);
        var sizes = new List<TableSize>();
        foreach (var table in tables)
        {
            await using var command = SqlConnector.ForReading(new SqlCommand(
                """
                SELECT SUM(CASE WHEN [index_id] IN (0, 1) THEN [row_count] ELSE 0 END), SUM([reserved_page_count]) * 8
                FROM [sys].[dm_db_partition_stats] WHERE [object_id] = OBJECT_ID(@table);
                """,
                connection));
            command.Parameters.Add(new SqlParameter("@table", System.Data.SqlDbType.NVarChar, 512) { Value = table });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0))
            {
                sizes.Add(new TableSize(table, reader.GetInt64(0), reader.GetInt64(1)));
            }
        }

        return sizes;
    }
}
