using Foundation.Deploy.Cli;
using Microsoft.Data.SqlClient;

namespace Foundation.Deploy.Connections;

/// <summary>
/// Opens connections, says so (server, database, timeout) on the progress stream, and turns the usual failures
/// (unreachable server, wrong credentials) into clear errors. <see cref="OpenForReadingAsync"/> and
/// <see cref="ForReading"/> add <see cref="ReadRetryPolicy"/> for read-only work; <see cref="OpenAsync"/> never retries.
/// </summary>
public static class SqlConnector
{
    /// <summary>A connection for deployment work (lock, record, deploy): opened once, never retried.</summary>
    public static Task<SqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken) =>
        OpenWithAsync(connectionString, retry: false, cancellationToken);

    /// <summary>A connection that only reads: its open is retried on transient errors (<see cref="ReadRetryPolicy"/>).</summary>
    public static Task<SqlConnection> OpenForReadingAsync(string connectionString, CancellationToken cancellationToken) =>
        OpenWithAsync(connectionString, retry: true, cancellationToken);

    /// <summary>Gives a read-only command the read retry policy; returns it.</summary>
    public static SqlCommand ForReading(SqlCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.RetryLogicProvider = ReadRetryPolicy.Create();
        return command;
    }

    /// <summary>True when the database exists on the server (the connection is to any database on it).</summary>
    public static async Task<bool> DatabaseExistsAsync(SqlConnection connection, string databaseName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = ForReading(new SqlCommand("SELECT CASE WHEN DB_ID(@name) IS NULL THEN 0 ELSE 1 END;", connection));
        command.Parameters.Add(new SqlParameter("@name", System.Data.SqlDbType.NVarChar, 128) { Value = databaseName });
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 1;
    }

    public static DeployToolException Describe(SqlException ex, SqlConnectionStringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(ex);
        ArgumentNullException.ThrowIfNull(builder);
        var server = builder.DataSource;
        var message = ex.Number switch
        {
            18456 => $"Login failed on '{server}' for '{(string.IsNullOrEmpty(builder.UserID) ? "the current identity" : builder.UserID)}': check the credentials.",
            18452 or 18470 or 18486 or 18487 or 18488 => $"Login refused on '{server}': {ex.Message}",
            4060 => $"Cannot open database '{builder.InitialCatalog}' on '{server}': it does not exist or the login has no access.",
            -2 or 258 => $"Timed out connecting to '{server}' (Connect Timeout={builder.ConnectTimeout}s): is the server reachable?",
            _ when ex.Class >= 20 || ex.Number is 2 or 53 or 40 or 26 or 10060 or 10061 or 11001 or 0 =>
                $"Cannot reach SQL Server '{server}': {ex.Message}",
            _ => $"SQL Server '{server}' refused the connection: {ex.Message}",
        };
        return new DeployToolException(ExitCode.ConnectionFailed, message, ex);
    }

    /// <summary>The SqlException behind a failure, also when retry logic wrapped the attempts in an AggregateException.</summary>
    public static SqlException? FindSqlException(Exception? ex) => ex switch
    {
        SqlException sql => sql,
        AggregateException aggregate => aggregate.InnerExceptions.Select(FindSqlException).LastOrDefault(s => s is not null),
        null => null,
        _ => FindSqlException(ex.InnerException),
    };

    private static async Task<SqlConnection> OpenWithAsync(string connectionString, bool retry, CancellationToken cancellationToken)
    {
        var builder = new SqlConnectionStringBuilder(connectionString);
        var database = string.IsNullOrEmpty(builder.InitialCatalog) ? string.Empty : $", database [{builder.InitialCatalog}]";
        var tries = retry ? $", up to {ReadRetryPolicy.NumberOfTries} tries on transient errors" : string.Empty;
        ToolProgress.Report($"Connecting to '{builder.DataSource}'{database} (timeout {builder.ConnectTimeout} s{tries})...");
        var connection = new SqlConnection(connectionString);
        if (retry)
        {
            connection.RetryLogicProvider = ReadRetryPolicy.Create();
        }

        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex) when (FindSqlException(ex) is { } sql)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw Describe(sql, builder);
        }
        catch (InvalidOperationException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new DeployToolException(ExitCode.ConnectionFailed, $"Could not connect to '{builder.DataSource}': {ex.Message}", ex);
        }
    }
}
