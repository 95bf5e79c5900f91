using Microsoft.Data.SqlClient;

namespace Foundation.Deploy.Connections;

/// <summary>Opens connections and turns the usual failures (unreachable server, wrong credentials) into clear errors.</summary>
public static class SqlConnector
{
    public static async Task<SqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (SqlException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw Describe(ex, new SqlConnectionStringBuilder(connectionString));
        }
        catch (InvalidOperationException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new DeployToolException(ExitCode.ConnectionFailed, $"Could not connect: {ex.Message}", ex);
        }
    }

    /// <summary>True when the database exists on the server (the connection is to any database on it).</summary>
    public static async Task<bool> DatabaseExistsAsync(SqlConnection connection, string databaseName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new SqlCommand("SELECT CASE WHEN DB_ID(@name) IS NULL THEN 0 ELSE 1 END;", connection);
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
}
