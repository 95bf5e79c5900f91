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

    /// <summary>
    /// Runs a stored procedure (bounded by <see cref="LiveCommandTimeouts.QuerySeconds"/>); returns logical reads by
    /// table (summed over its statements) and the actual plans.
    /// </summary>
    public static async Task<(IReadOnlyDictionary<string, long> ReadsByTable, IReadOnlyList<string> Plans)> RunAsync(
        SqlConnection connection, string procedure, IReadOnlyDictionary<string, object> parameters, CancellationToken cancellation)
    {
        var reads = new SortedDictionary<string, long>(StringComparer.Ordinal);
        void OnInfo(object sender, SqlInfoMessageEventArgs e)
        {
            foreach (SqlError error in e.Errors)
            {
                AddLogicalReads(reads, error.Message);
            }
        }

        await LiveCommand.ExecuteAsync(connection, "SET STATISTICS IO ON; SET STATISTICS XML ON;", "SET STATISTICS IO, XML ON", LiveCommandTimeouts.StatementSeconds, cancellation);
        var plans = new List<string>();
        connection.InfoMessage += OnInfo;
        try
        {
            await using var command = new SqlCommand(procedure, connection) { CommandTimeout = LiveCommandTimeouts.QuerySeconds, CommandType = System.Data.CommandType.StoredProcedure };
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
        catch (SqlException ex)
        {
            throw LiveCommand.Failure($"Running {procedure}", LiveCommandTimeouts.QuerySeconds, ex);
        }
        finally
        {
            connection.InfoMessage -= OnInfo;
        }

        // Not in finally: after a failure the run ends, and a second error must not hide the first.
        await LiveCommand.ExecuteAsync(connection, "SET STATISTICS XML OFF; SET STATISTICS IO OFF;", "SET STATISTICS IO, XML OFF", LiveCommandTimeouts.StatementSeconds, cancellation);
        return (reads, plans);
    }

    /// <summary>Adds the logical reads of every "Table 'X'. Scan count n, logical reads r, ..." line of one message, table by table.</summary>
    public static void AddLogicalReads(IDictionary<string, long> readsByTable, string message)
    {
        ArgumentNullException.ThrowIfNull(readsByTable);
        foreach (Match match in LogicalReads().Matches(message ?? ""))
        {
            var table = match.Groups[1].Value;
            var reads = long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            readsByTable[table] = readsByTable.TryGetValue(table, out var earlier) ? earlier + reads : reads;
        }
    }

    [GeneratedRegex(@"Table '([^']+)'\. Scan count \d+, logical reads (\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex LogicalReads();
}
