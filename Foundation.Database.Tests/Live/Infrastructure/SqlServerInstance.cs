using DotNet.Testcontainers.Configurations;
using Microsoft.Data.SqlClient;
using Testcontainers.MsSql;

[assembly: AssemblyFixture(typeof(Foundation.Database.Tests.Live.Infrastructure.SqlServerInstance))]

namespace Foundation.Database.Tests.Live.Infrastructure;

/// <summary>
/// The SQL Server that live tests run against, found once per test run:
/// <c>FOUNDATION_SQL_CONNECTION</c> (an existing server) wins; else a SQL Server 2022 container through
/// Testcontainers when a Docker engine answers; else none, and every live test is skipped with <see cref="SkipReason"/>.
/// A server that was asked for but cannot be reached is a failure with its cause, never a skip.
/// </summary>
public sealed class SqlServerInstance : IAsyncLifetime
{
    public const string ConnectionVariable = "FOUNDATION_SQL_CONNECTION";
    public const string ImageVariable = "FOUNDATION_SQL_IMAGE";
    private const string DefaultImage = "mcr.microsoft.com/mssql/server:2022-latest";

    private MsSqlContainer? _container;
    private Exception? _startupFailure;

    /// <summary>A connection string to the server's master database; null when no server is available.</summary>
    public string? MasterConnectionString { get; private set; }

    /// <summary>Why live tests are skipped; null when a server is available.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>Where the server came from, for messages: the environment variable or the container image.</summary>
    public string Source { get; private set; } = "none";

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            Source = ConnectionVariable;
            await ConnectAsync(WithDatabase(configured, "master"));
            return;
        }

        if (TestcontainersSettings.OS.DockerEndpointAuthConfig is null)
        {
            SkipReason = $"no SQL Server: {ConnectionVariable} is not set and no Docker engine answers (Testcontainers found no endpoint).";
            return;
        }

        var image = Environment.GetEnvironmentVariable(ImageVariable) is { Length: > 0 } custom ? custom : DefaultImage;
        Source = $"Docker container {image}";
        try
        {
            _container = new MsSqlBuilder(image).Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await _container.StartAsync(timeout.Token);
        }
        catch (Exception ex)
        {
            _startupFailure = new InvalidOperationException(
                $"A Docker engine answers but SQL Server ({image}) could not be started: {ex.GetBaseException().Message}", ex);
            return;
        }

        await ConnectAsync(WithDatabase(_container.GetConnectionString(), "master"));
    }

    /// <summary>Skips the calling test (with the reason) when no server exists; throws the start-up cause when one failed.</summary>
    public string RequireMasterConnectionString()
    {
        if (_startupFailure is not null)
        {
            throw _startupFailure;
        }

        if (MasterConnectionString is null)
        {
            Assert.Skip(SkipReason ?? "no SQL Server available.");
        }

        return MasterConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    /// <summary>Returns the connection string with another initial catalog.</summary>
    public static string WithDatabase(string connectionString, string database) =>
        new SqlConnectionStringBuilder(connectionString) { InitialCatalog = database }.ConnectionString;

    private async Task ConnectAsync(string connectionString)
    {
        try
        {
            await using var connection = new SqlConnection(connectionString);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await connection.OpenAsync(timeout.Token);
            await using var command = new SqlCommand("SELECT CAST(SERVERPROPERTY('ProductMajorVersion') AS int);", connection);
            var major = (int)(await command.ExecuteScalarAsync(timeout.Token) ?? 0);
            if (major < 16)
            {
                throw new InvalidOperationException($"SQL Server 2022 (major version 16) or later is required; {Source} is version {major}.");
            }

            MasterConnectionString = connectionString;
        }
        catch (Exception ex) when (ex is SqlException or InvalidOperationException or OperationCanceledException)
        {
            _startupFailure = new InvalidOperationException($"The SQL Server from {Source} cannot be used: {ex.Message}", ex);
        }
    }
}
