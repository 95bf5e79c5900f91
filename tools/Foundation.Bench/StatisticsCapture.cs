using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;

namespace Foundation.Bench;

/// <summary>
/// Runs a query with SET STATISTICS IO and SET STATISTICS XML on: adds up, table by table, the logical reads that the
/// server reports in its informational messages ("Table 'Users'. Scan count 1, logical reads 3, ...") and collects the actual plans
/// (the extra result sets whose one column is the XML showplan).
/// </summary>
public static partial class StatisticsCapture
{
    private const string ShowplanColumn = "Microsoft SQL Server 2005 XML Showplan";

    /// <summary>Runs a stored procedure; returns logical reads by table (summed over its statements) and the actual plans.</summary>
    public static async Task<(IReadOnlyDictionary<string, long> ReadsByTable, IReadOnlyList<string> Plans)> RunAsync(
        SqlConnection connection, string procedure, IReadOnlyDictionary<string, object> parameters, CancellationToken cancellation)
    {
        var reads = new SortedDictionary<string, long>(StringComparer.Ordinal);
        void OnInfo(object sender, SqlInfoMessageEventArgs e)
        {
            foreach (SqlError error in e.Errors)
            {
                foreach (Match match in LogicalReads().Matches(error.Message))
                {
                    var table = match.Groups[1].Value;
                    reads[table] = reads.GetValueOrDefault(table) + long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                }
            }
        }

        await Execute(connection, "SET STATISTICS IO ON; SET STATISTICS XML ON;", cancellation);
        var plans = new List<string>();
        connection.InfoMessage += OnInfo;
        try
        {
            await using var command = new SqlCommand(procedure, connection) { CommandTimeout = 120, CommandType = System.Data.CommandType.StoredProcedure };
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellation);
            do
            {
                var isPlan = reader.FieldCount == 1 && reader.GetName(0) == ShowplanColumn;
                while (await reader.ReadAsync(cancellation))
                {
                    if (isPlan)
                    {
                        plans.Add(reader.GetString(0));
                    }
                }
            }
            while (await reader.NextResultAsync(cancellation));
        }
        finally
        {
            connection.InfoMessage -= OnInfo;
            await Execute(connection, "SET STATISTICS XML OFF; SET STATISTICS IO OFF;", cancellation);
        }

        return (reads, plans);
    }

    public static async Task Execute(SqlConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = new SqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellation);
    }

    [GeneratedRegex(@"Table '([^']+)'\. Scan count \d+, logical reads (\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex LogicalReads();
}
