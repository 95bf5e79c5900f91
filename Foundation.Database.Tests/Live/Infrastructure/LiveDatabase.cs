using Foundation.Database.Tests.Infrastructure;
using Microsoft.Data.SqlClient;
using Microsoft.SqlServer.Dac;

namespace Foundation.Database.Tests.Live.Infrastructure;

/// <summary>
/// A database of its own for one test class: created from the built dacpac on first use and dropped at the end.
/// Use it as a class fixture and start every live test with <see cref="RequireConnectionString"/>.
/// </summary>
public sealed class LiveDatabase(SqlServerInstance server) : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _connectionString;

    public string Name { get; } = $"FoundationTest_{Guid.NewGuid():N}"[..28];

    public SqlServerInstance Server => server;

    /// <summary>The test database's connection string (deploying it on first call), or a skip when no server exists.</summary>
    public async Task<string> RequireConnectionString()
    {
        var master = server.RequireMasterConnectionString();
        await _gate.WaitAsync();
        try
        {
            _connectionString ??= await DeployAsync(master);
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
        if (_connectionString is null || server.MasterConnectionString is null)
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
        using var package = DacPackage.Load(RepositoryPaths.Dacpac);
        var services = new DacServices(masterConnectionString);
        var options = new DacDeployOptions { CreateNewDatabase = true, BlockOnPossibleDataLoss = true };
        await Task.Run(() => services.Deploy(package, Name, upgradeExisting: true, options));
        return SqlServerInstance.WithDatabase(masterConnectionString, Name);
    }
}
