using Foundation.Database.Tests.TSqlt;
using Microsoft.Data.SqlClient;

namespace Foundation.Database.Tests.Live.TSqlt;

/// <summary>Runs tSQLt tests (one with tSQLt.Run, or all with tSQLt.RunAll or tSQLt.RunNew) and reads their outcomes from tSQLt.TestResult.</summary>
public static class TSqltRunner
{
    public static async Task<TSqltOutcome> RunAsync(string connectionString, TSqltTestCase test, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(test);

        // A connection of its own, never pooled: a test that sets read-only SESSION_CONTEXT keys must not leave them
        // to the next test.
        var builder = new SqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new SqlConnection(builder.ConnectionString);
        var printed = new List<string>();
        connection.InfoMessage += (_, e) => printed.Add(e.Message);
        await connection.OpenAsync(cancellationToken);

        SqlException? runError = null;
        await using (var run = new SqlCommand("EXEC [tSQLt].[Run] @TestName = @TestName;", connection) { CommandTimeout = 600 })
        {
            run.Parameters.Add(new SqlParameter("@TestName", System.Data.SqlDbType.NVarChar, -1) { Value = test.QuotedName });
            try
            {
                await run.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (SqlException ex)
            {
                // tSQLt.Run raises an error after a failing test; the result row says what failed.
                runError = ex;
            }
        }

        await using var read = new SqlCommand(
            """
            SELECT TOP (1) [Result], [Msg]
            FROM [tSQLt].[TestResult]
            WHERE [Class] = @Class AND [TestCase] = @TestCase
            ORDER BY [Id] DESC;
            """,
            connection);
        read.Parameters.Add(new SqlParameter("@Class", System.Data.SqlDbType.NVarChar, -1) { Value = test.ClassName });
        read.Parameters.Add(new SqlParameter("@TestCase", System.Data.SqlDbType.NVarChar, -1) { Value = test.TestName });
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException(
                $"tSQLt recorded no result for {test.QuotedName}: is it deployed?"
                + (runError is null ? string.Empty : $" tSQLt.Run said: {runError.Message}"),
                runError);
        }

        return new TSqltOutcome(
            reader.IsDBNull(0) ? "(none)" : reader.GetString(0),
            reader.IsDBNull(1) ? string.Empty : reader.GetString(1),
            printed);
    }

    /// <summary>
    /// Runs every class the method finds in one session (a fresh, unpooled connection) and returns each test's outcome,
    /// keyed "Class.test". tSQLt raises an error at the end when a test failed; the outcomes say which.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, TSqltOutcome>> RunSuiteAsync(string connectionString, TSqltRunMethod method, CancellationToken cancellationToken)
    {
        var builder = new SqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new SqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var procedure = method switch
        {
            TSqltRunMethod.RunAll => "[tSQLt].[RunAll]",
            TSqltRunMethod.RunNew => "[tSQLt].[RunNew]",
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Not a tSQLt run method."),
        };
        await using (var run = new SqlCommand($"EXEC {procedure};", connection) { CommandTimeout = 1800 })
        {
            try
            {
                await run.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (SqlException)
            {
                // The default result formatter raises an error after a failed test; the results below say which.
            }
        }

        await using var read = new SqlCommand("SELECT [Class], [TestCase], [Result], [Msg] FROM [tSQLt].[TestResult];", connection);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        var outcomes = new Dictionary<string, TSqltOutcome>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            outcomes[$"{reader.GetString(0)}.{reader.GetString(1)}"] = new TSqltOutcome(
                reader.IsDBNull(2) ? "(none)" : reader.GetString(2),
                reader.IsDBNull(3) ? string.Empty : reader.GetString(3),
                []);
        }

        return outcomes;
    }
}
