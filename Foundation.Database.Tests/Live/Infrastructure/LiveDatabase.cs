using Microsoft.Data.SqlClient;

namespace Foundation.Database.Tests.Live.Infrastructure;

/// <summary>
/// A database of its own for one test class: created from <see cref="LiveDacpac.Path"/> on first use, through the
/// project's own deployment code (<see cref="LivePublisher"/>: Foundation.Deploy's publisher with the Local profile), and
/// dropped at the end. Use it as a class fixture and start every live test with <see cref="RequireConnectionString"/>.
/// The deployment is shared by the class, so it is bounded by its own <see cref="LiveTimeouts.Publish"/>, not by the
/// token of the test that happened to ask first.
/// </summary>
public sealed class LiveDatabase(SqlServerInstance server) : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _connectionString;
    private bool _deployStarted;
    private Exception? _deployFailure;

    public string Name { get; } = $"FoundationTest_{Guid.NewGuid():N}"[..28];

    public SqlServerInstance Server => server;

    /// <summary>The test database's connection string (deploying it on first call), or a skip when no server exists.</summary>
    public async Task<string> RequireConnectionString()
    {
        var cancellation = TestContext.Current.CancellationToken;
        server.SkipIfSwitchedOff();
        LiveDacpac.CheckConfigured(); // a FOUNDATION_DACPAC that names no file fails here, before a server is started for nothing
        var master = await server.RequireMasterConnectionStringAsync(cancellation);
        await _gate.WaitAsync(cancellation);
        try
        {
            if (_deployFailure is not null)
            {
                throw new InvalidOperationException($"Deploying [{Name}] failed earlier in this test class: {_deployFailure.Message}", _deployFailure);
            }

            if (_connectionString is null)
            {
                // Set first: a publish that fails half-way may still have created the database, which DisposeAsync drops.
                _deployStarted = true;
                try
                {
                    _connectionString = await DeployAsync(master);
                }
                catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
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
        await connection.OpenAsync(TestContext.Current.CancellationToken);
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
        await DropAsync(server.MasterConnectionString, Name);
    }

    /// <summary>Drops a test database (ending its other sessions first), bounded by <see cref="LiveTimeouts.CommandSeconds"/>.</summary>
    public static async Task DropAsync(string masterConnectionString, string name)
    {
        try
        {
            await using var connection = new SqlConnection(masterConnectionString);
            using var timeout = new CancellationTokenSource(LiveTimeouts.Connect);
            await connection.OpenAsync(timeout.Token);
            await using var drop = new SqlCommand(
                $"""
                IF DB_ID(N'{name}') IS NOT NULL
                BEGIN
                    ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;
                    DROP DATABASE [{name}];
                END
                """,
                connection)
            {
                CommandTimeout = LiveTimeouts.CommandSeconds,
            };
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is SqlException or OperationCanceledException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"The test database [{name}] could not be dropped within {LiveTimeouts.CommandSeconds} s (LiveTimeouts.CommandSeconds): {ex.Message}. Drop it by hand.", ex);
        }
    }

    private async Task<string> DeployAsync(string masterConnectionString)
    {
        // Not the asking test's token: the database serves the whole class; LivePublisher bounds it.
        var outcome = await LivePublisher.PublishAsync(masterConnectionString, Name, CancellationToken.None);
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException(
                $"Foundation.Deploy could not publish {Path.GetFileName(LiveDacpac.Path)} into [{Name}] on the server from {server.Source}: {outcome}");
        }

        return SqlServerInstance.WithDatabase(masterConnectionString, Name);
    }
}
