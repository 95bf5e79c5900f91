using Foundation.Database.Tests.Deployment.Fixtures;
using Foundation.Database.Tests.Infrastructure;
using Foundation.Database.Tests.Live.Infrastructure;
using Foundation.Deploy;
using Foundation.Deploy.Cli;
using Microsoft.Data.SqlClient;

namespace Foundation.Database.Tests.Live.Integration;

/// <summary>
/// A database of one live deployment test, named but not created: the test deploys into it through the tool's command
/// line (publish, rollback, plan) exactly as a person or the pipeline would, reads it in the deployment context, and
/// drops it at the end. Artifacts: the built dacpac's folder and the live releases' folder, so the drift gate finds
/// every release it deployed.
/// </summary>
public sealed class LiveDeploymentDatabase(SqlServerInstance server) : IAsyncDisposable
{
    public string Name { get; } = $"FoundationDeploy_{Guid.NewGuid():N}"[..32];

    public RecordingConsole Console { get; private set; } = new();

    public string Master => server.RequireMasterConnectionString();

    public string ConnectionString => SqlServerInstance.WithDatabase(Master, Name);

    /// <summary>Runs the tool with <paramref name="args"/> against this database (a fresh console each time).</summary>
    public async Task<ExitCode> RunAsync(params string[] args)
    {
        Console = new RecordingConsole();
        string[] target = ["--connection", Master, "--database", Name];
        string[] artifacts = args[0] is "publish" or "rollback" ? ["--artifacts", Path.GetDirectoryName(LiveReleases.Current)!, "--artifacts", Path.GetDirectoryName(RepositoryPaths.Dacpac)!, "--artifacts", LiveReleases.Folder] : [];
        return (ExitCode)await DeployCli.RunAsync([.. args, .. target, .. artifacts], Console, TestContext.Current.CancellationToken);
    }

    public Task<ExitCode> PublishAsync(string dacpac, string release, params string[] extra) =>
        RunAsync(["publish", "--dacpac", dacpac, "--profile", "Production", "--release-version", release, .. extra]);

    public Task<ExitCode> RollbackAsync(string dacpac, string release, params string[] extra) =>
        RunAsync(["rollback", "--dacpac", dacpac, "--profile", "Production", "--release-version", release, .. extra]);

    /// <summary>The first column of every row, read in the deployment context (row-level security hides every row otherwise).</summary>
    public Task<List<string>> QueryAsync(string sql) => LiveSql.QueryAsync(ConnectionString, sql, TestContext.Current.CancellationToken);

    /// <summary>Runs <paramref name="sql"/> in the deployment context.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqlConnection(new SqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new SqlCommand("EXEC [Security].[usp_SetDeploymentSessionContext];\n" + sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Two tenants with the same name, a user each: data every test can check before and after.</summary>
    public Task SeedAsync() => ExecuteAsync(
        """
        INSERT INTO [Tenancy].[Tenants] ([Slug], [Name]) VALUES ('acme', N'Acme'), ('acme-eu', N'Acme');
        INSERT INTO [Identity].[Users] ([TenantId], [Email], [GivenName], [FamilyName], [Status])
        SELECT [TenantId], CONCAT(N'admin@', [Slug], N'.example'), N'Ada', N'Admin', 'Active' FROM [Tenancy].[Tenants];
        """);

    /// <summary>Each security policy with its state, e.g. "[Security].[UserAccessPolicy]:on".</summary>
    public Task<List<string>> PoliciesAsync() => QueryAsync(
        "SELECT CONCAT(QUOTENAME(SCHEMA_NAME([schema_id])), N'.', QUOTENAME([name]), N':', IIF([is_enabled] = 1, N'on', N'off')) FROM [sys].[security_policies] ORDER BY 1;");

    /// <summary>The history, oldest first, as "Direction:Release:Outcome".</summary>
    public Task<List<string>> HistoryAsync() => QueryAsync(
        "SELECT CONCAT([Direction], ':', [ReleaseVersion], ':', [Outcome]) FROM [Deploy].[SchemaHistory] ORDER BY [SchemaHistoryId];");

    public async ValueTask DisposeAsync()
    {
        if (server.MasterConnectionString is null)
        {
            return;
        }

        SqlConnection.ClearAllPools();
        await using var connection = new SqlConnection(server.MasterConnectionString);
        await connection.OpenAsync();
        await using var drop = new SqlCommand(
            $"IF DB_ID(N'{Name}') IS NOT NULL BEGIN ALTER DATABASE [{Name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{Name}]; END",
            connection);
        await drop.ExecuteNonQueryAsync();
    }
}
