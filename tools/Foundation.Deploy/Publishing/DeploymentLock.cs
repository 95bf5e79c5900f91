using System.Data;
using Foundation.Deploy.Connections;
using Microsoft.Data.SqlClient;

namespace Foundation.Deploy.Publishing;

/// <summary>
/// The one lock that keeps two deployments of a database apart, first deployments included: an exclusive,
/// session-owned application lock named <c>Foundation.Deploy:&lt;database&gt;</c> (<see cref="ResourceFor"/>) in master,
/// which exists before the database does. Pre-deployment step 010 takes the same resource in the same place when a
/// deployment runs without this tool (SqlPackage), so the tool and the script exclude each other too. Held on a
/// connection of its own until disposed; taken without waiting: a held lock is a refusal.
/// On Azure SQL Database (engine edition 5) a session cannot call into master, so both take it in the target database
/// itself; a first deployment there is not serialised (create the database beforehand, as Azure deployments do).
/// </summary>
public sealed class DeploymentLock : IAsyncDisposable
{
    public const string Prefix = "Foundation.Deploy:";

    private readonly SqlConnection _connection;

    private DeploymentLock(SqlConnection connection, string database, string resource)
    {
        _connection = connection;
        Database = database;
        Resource = resource;
    }

    /// <summary>The database whose lock space holds the lock (master, or the target on Azure SQL Database).</summary>
    public string Database { get; }

    /// <summary>The lock's resource name.</summary>
    public string Resource { get; }

    /// <summary>The resource for a database: the prefix and the database's name as the server stores it (DB_NAME()).</summary>
    public static string ResourceFor(string databaseName) => Prefix + databaseName;

    /// <summary>
    /// Takes the lock for <paramref name="target"/>. The name in the resource is the database's stored name when it
    /// exists (so that it equals the script's DB_NAME() whatever case the user typed), else the name it will be created with.
    /// </summary>
    public static async Task<DeploymentLock> AcquireAsync(DeploymentTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var server = new SqlConnectionStringBuilder(target.ServerConnectionString) { Pooling = false };
        var (azure, storedName) = await DescribeAsync(server.ConnectionString, target.DatabaseName, cancellationToken).ConfigureAwait(false);
        if (azure && storedName is null)
        {
            throw DeployToolException.InvalidInput(
                $"Database [{target.DatabaseName}] does not exist, and on Azure SQL Database the deployment lock lives in the database itself (no call into master): create the database first (portal, az sql db create, or your infrastructure code), then deploy. Nothing was changed.");
        }

        var lockDatabase = azure ? storedName! : "master";
        server.InitialCatalog = lockDatabase;
        var resource = ResourceFor(storedName ?? target.DatabaseName);
        var connection = await SqlConnector.OpenAsync(server.ConnectionString, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = new SqlCommand("[sys].[sp_getapplock]", connection) { CommandType = CommandType.StoredProcedure };
            command.Parameters.Add(new SqlParameter("@Resource", SqlDbType.NVarChar, 255) { Value = resource });
            command.Parameters.AddWithValue("@LockMode", "Exclusive");
            command.Parameters.AddWithValue("@LockOwner", "Session");
            command.Parameters.AddWithValue("@LockTimeout", 0);
            var result = command.Parameters.Add("@Result", SqlDbType.Int);
            result.Direction = ParameterDirection.ReturnValue;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if ((int)result.Value < 0)
            {
                var holder = await DescribeHolderAsync(connection, cancellationToken).ConfigureAwait(false);
                throw new DeployToolException(
                    ExitCode.LockHeld,
                    $"Another deployment holds the deployment lock '{resource}' in [{lockDatabase}]{holder}. Nothing was changed; retry when it has finished.");
            }

            return new DeploymentLock(connection, lockDatabase, resource);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Closing the session (pooling is off) releases a session-owned application lock.
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<(bool Azure, string? StoredName)> DescribeAsync(string serverConnectionString, string database, CancellationToken cancellationToken)
    {
        await using var connection = await SqlConnector.OpenAsync(serverConnectionString, cancellationToken).ConfigureAwait(false);
        await using var command = new SqlCommand(
            "SELECT CAST(SERVERPROPERTY('EngineEdition') AS INT), (SELECT [name] FROM [sys].[databases] WHERE [name] = @name);", connection);
        command.Parameters.Add(new SqlParameter("@name", SqlDbType.NVarChar, 128) { Value = database });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt32(0) == 5, reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    private static async Task<string> DescribeHolderAsync(SqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new SqlCommand(
                """
                SELECT TOP (1) CONCAT(N' (session ', [s].[session_id], N', login ', [s].[original_login_name], N', host ', [s].[host_name],
                                      N', program ', [s].[program_name], N', since ', CONVERT(NVARCHAR(30), [s].[login_time], 120), N')')
                FROM [sys].[dm_tran_locks] AS [l]
                JOIN [sys].[dm_exec_sessions] AS [s] ON [s].[session_id] = [l].[request_session_id]
                WHERE [l].[resource_type] = N'APPLICATION' AND [l].[resource_database_id] = DB_ID() AND [l].[request_status] = N'GRANT'
                  AND [l].[request_session_id] <> @@SPID;
                """,
                connection);
            return (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)) as string ?? string.Empty;
        }
        catch (SqlException)
        {
            return " (no VIEW SERVER STATE permission to say who)";
        }
    }
}
