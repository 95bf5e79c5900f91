using System.Globalization;
using Microsoft.Data.SqlClient;

namespace Foundation.Database.Tests.Live.Integration;

/// <summary>
/// Reads a test database as the deployment does: on a connection of its own (never pooled, so no session context
/// is inherited or left behind) that first takes the deployment session context, because row-level security hides
/// every row from a session without a sealed context.
/// </summary>
public static class LiveSql
{
    /// <summary>The first column of every row of every result set, as invariant text (NULL as "NULL").</summary>
    public static async Task<List<string>> QueryAsync(string databaseConnectionString, string sql, CancellationToken cancellationToken)
    {
        var builder = new SqlConnectionStringBuilder(databaseConnectionString) { Pooling = false };
        await using var connection = new SqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var context = new SqlCommand("EXEC [Security].[usp_SetDeploymentSessionContext];", connection))
        {
            await context.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new SqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<string>();
        do
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(reader.IsDBNull(0) ? "NULL" : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
            }
        }
        while (await reader.NextResultAsync(cancellationToken));

        return rows;
    }
}
