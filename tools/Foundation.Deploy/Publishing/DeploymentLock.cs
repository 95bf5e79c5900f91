using System.Data;
using Foundation.Deploy.Connections;
using Microsoft.Data.SqlClient;

namespace Foundation.Deploy.Publishing;

/// <summary>
/// The lock that keeps two deployments of one database apart: an exclusive, session-owned application lock
/// (<c>sp_getapplock</c>) named <see cref="Resource"/> in the target database (in master while the database does not
/// exist yet), held on a connection of its own until disposed. Taken without waiting: a held lock is a refusal.
/// The pre-deployment script takes the same lock when SqlPackage deploys without this tool.
/// </summary>
public sealed class DeploymentLock : IAsyncDisposable
{
    public const string Resource = "Foundation.Deploy";

    private readonly SqlConnection _connection;

    private DeploymentLock(SqlConnection connection, string database)
    {
        _connection = connection;
        Database = database;
    }

    /// <summary>The database whose lock space holds the lock.</summary>
    public string Database { get; }

    public static async Task<DeploymentLock> AcquireAsync(DeploymentTarget target, bool databaseExists, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var lockDatabase = databaseExists ? target.DatabaseName : "master";
        var builder = new SqlConnectionStringBuilder(target.ServerConnectionString) { InitialCatalog = lockDatabase, Pooling = false };
        var connection = await SqlConnector.OpenAsync(builder.ConnectionString, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = new SqlCommand("[sys].[sp_getapplock]", connection) { CommandType = CommandType.StoredProcedure };
            command.Parameters.AddWithValue("@Resource", LockResource(target.DatabaseName, databaseExists));
            command.Parameters.AddWithValue("@LockMode", "Exclusive");
            command.Parameters.AddWithValue("@LockOwner", "Session");
            command.Parameters.AddWithValue("@LockTimeout", 0);
            var result = command.Parameters.Add("@Result", SqlDbType.Int);
            result.Direction = ParameterDirection.ReturnValue;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            var code = (int)result.Value;
            if (code < 0)
            {
                var holder = await DescribeHolderAsync(connection, cancellationToken).ConfigureAwait(false);
                throw new DeployToolException(
                    ExitCode.LockHeld,
                    $"Another deployment holds the deployment lock '{Resource}' on database [{lockDatabase}]{holder}. Nothing was changed; retry when it has finished.");
            }

            return new DeploymentLock(connection, lockDatabase);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The lock name: in the target database it is the fixed resource; in master it is per database.</summary>
    public static string LockResource(string databaseName, bool inTargetDatabase) =>
        inTargetDatabase ? Resource : $"{Resource}:{databaseName}";

    public async ValueTask DisposeAsync()
    {
        // Closing the session releases a session-owned application lock.
        await _connection.DisposeAsync().ConfigureAwait(false);
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
