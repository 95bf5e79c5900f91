using Microsoft.Data.SqlClient;

namespace Foundation.Database.Tests.Live.Infrastructure;

/// <summary>
/// A database of its own for one test class: created from the built dacpac on first use, through the project's own
/// deployment code (<see cref="LivePublisher"/>: Foundation.Deploy's publisher with the Local profile), and dropped at
/// the end. Use it as a class fixture and start every live test with <see cref="RequireConnectionString"/>.
/// </summary>
public sealed class LiveDatabase(SqlServerInstance server) : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _connectionString;
    private bool _deployStarted;
    private InvalidOperationException? _deployFailure;

    public string Name { get; } = $"FoundationTest_{Guid.NewGuid():N}"[..28];

    public SqlServerInstance Server => server;

    /// <summary>The test database's connection string (deploying it on first call), or a skip when no server exists.</summary>
    public async Task<string> RequireConnectionString()
    {
        var master = server.RequireMasterConnectionString();
        await _gate.WaitAsync();
        try
        {
            if (_deployFailure is not null)
            {
                throw _deployFailure;
            }

            if (_connectionString is null)
            {
                // Set first: a publish that fails half-way may still have created the database, which DisposeAsync drops.
                _deployStarted = true;
                try
                {
                    _connectionString = await DeployAsync(master);
                }
                catch (InvalidOperationException ex)
                {
                    _deployFailure = ex;
                    throw;
                }
            }

            return _connectionString;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<SqlConnection> OpenAsync()
    {
        var connection = new SqlConnection(await RequireConnectionString());
        await connection.OpenAsync();
        return connection;
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (!_deployStarted || server.MasterConnectionString is null)
        {
            return;
        }

        SqlConnection.ClearAllPools();
        await using var connection = new SqlConnection(server.MasterConnectionString);
        await connection.OpenAsync();
        await using var drop = new SqlCommand(
            $"""
            IF DB_ID(N'{Name}') IS NOT NULL
            BEGIN
                ALTER DATABASE [{Name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;
                DROP DATABASE [{Name}];
            END
            """,
            connection);
        await drop.ExecuteNonQueryAsync();
    }

    private async Task<string> DeployAsync(string masterConnectionString)
    {
        var outcome = await LivePublisher.PublishAsync(masterConnectionString, Name, CancellationToken.None);
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException(
                $"Foundation.Deploy could not publish the dacpac into [{Name}] on the server from {server.Source}: {outcome}");
        }

        return SqlServerInstance.WithDatabase(masterConnectionString, Name);
    }
}
