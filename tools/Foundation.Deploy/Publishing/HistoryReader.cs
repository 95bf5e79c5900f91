using Foundation.Deploy.Connections;
using Microsoft.Data.SqlClient;

namespace Foundation.Deploy.Publishing;

/// <summary>Reads Deploy.SchemaHistory, newest first.</summary>
public static class HistoryReader
{
    public sealed record Entry(
        long Id,
        string ReleaseVersion,
        string? DacpacChecksum,
        string Direction,
        string? PreviousVersion,
        string DeployedBy,
        string? HostName,
        DateTime StartedAt,
        DateTime? CompletedAt,
        long? DurationMs,
        string Outcome,
        string? ToolVersion,
        string? ReportHash,
        string? ErrorMessage);

    public static async Task<IReadOnlyList<Entry>> ReadAsync(DeploymentTarget target, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        await using var connection = await SqlConnector.OpenForReadingAsync(target.DatabaseConnectionString, cancellationToken).ConfigureAwait(false);
        await using var command = SqlConnector.ForReading(new SqlCommand(
            """
            IF OBJECT_ID(N'[Deploy].[SchemaHistory]', N'U') IS NOT NULL
                EXEC [sys].[sp_executesql] N'
                    SELECT TOP (@Top) [SchemaHistoryId], [ReleaseVersion], [DacpacChecksum], [Direction], [PreviousVersion], [DeployedBy], [HostName],
                           [StartedAt], [CompletedAt], [DurationMs], [Outcome], [ToolVersion], [ReportHash], [ErrorMessage]
                    FROM [Deploy].[SchemaHistory] ORDER BY [SchemaHistoryId] DESC;', N'@Top INT', @Top;
            """,
            connection));
        command.Parameters.AddWithValue("@Top", top);
        var entries = new List<Entry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new Entry(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetDateTime(7),
                reader.IsDBNull(8) ? null : reader.GetDateTime(8),
                reader.IsDBNull(9) ? null : reader.GetInt64(9),
                reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.IsDBNull(12) ? null : reader.GetString(12),
                reader.IsDBNull(13) ? null : reader.GetString(13)));
        }

        return entries;
    }
}
