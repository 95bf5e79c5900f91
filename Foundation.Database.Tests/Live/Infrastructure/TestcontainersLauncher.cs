using DotNet.Testcontainers.Configurations;
using Foundation.Deploy.Connections;
using Microsoft.Data.SqlClient;
using Testcontainers.MsSql;

namespace Foundation.Database.Tests.Live.Infrastructure;

/// <summary>The real <see cref="ILiveServerLauncher"/>: Testcontainers.MsSql for the container, SqlClient for the check.</summary>
public sealed class TestcontainersLauncher : ILiveServerLauncher
{
    public bool DockerAnswers() => TestcontainersSettings.OS.DockerEndpointAuthConfig is not null;

    public async Task<(string MasterConnectionString, IAsyncDisposable Container)> StartContainerAsync(string image, CancellationToken cancellationToken)
    {
        var container = new MsSqlBuilder(image).Build();
        try
        {
            await container.StartAsync(cancellationToken);
        }
        catch
        {
            await container.DisposeAsync();
            throw;
        }

        var master = SqlServerInstance.WithDatabase(container.GetConnectionString(), "master");
        TrustContainerHost(new SqlConnectionStringBuilder(master).DataSource);
        return (master, container);
    }

    public async Task VerifyAsync(string masterConnectionString, string source, CancellationToken cancellationToken)
    {
        await using var connection = new SqlConnection(masterConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new SqlCommand("SELECT CAST(SERVERPROPERTY('ProductMajorVersion') AS int);", connection) { CommandTimeout = LiveTimeouts.CommandSeconds };
        var major = (int)(await command.ExecuteScalarAsync(cancellationToken) ?? 0);
        if (major < 16)
        {
            throw new InvalidOperationException($"SQL Server 2022 (major version 16) or later is required; {source} is version {major}.");
        }
    }

    /// <summary>
    /// The container's certificate is self-signed (Testcontainers connects with TrustServerCertificate=True), which the
    /// connection policy accepts for local hosts only. Inside a devcontainer or Docker-in-Docker the container is reached
    /// through the Docker host (the bridge gateway), not localhost: this harness started that container itself, so it
    /// declares that one host local for its own process (the policy's FOUNDATION_LOCAL_SQL_HOSTS opt-in).
    /// </summary>
    private static void TrustContainerHost(string dataSource)
    {
        var declared = Environment.GetEnvironmentVariable(ConnectionPolicy.LocalHostsVariable);
        if (ConnectionPolicy.IsLocalServer(dataSource) || ConnectionPolicy.IsDeclaredLocal(dataSource, declared))
        {
            return;
        }

        var host = dataSource.Split(',')[0].Trim();
        Environment.SetEnvironmentVariable(ConnectionPolicy.LocalHostsVariable, string.IsNullOrWhiteSpace(declared) ? host : $"{declared},{host}");
    }
}
