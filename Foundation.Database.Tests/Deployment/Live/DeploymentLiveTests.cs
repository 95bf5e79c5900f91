using Foundation.Database.Tests.Deployment.Fixtures;
using Foundation.Database.Tests.Infrastructure;
using Foundation.Database.Tests.Live.Infrastructure;
using Foundation.Deploy;
using Foundation.Deploy.Cli;
using Foundation.Deploy.Dacpacs;
using Foundation.Deploy.Publishing;
using Microsoft.Data.SqlClient;

namespace Foundation.Database.Tests.Deployment.Live;

/// <summary>
/// The tool against a real SQL Server (skipped, with the reason, where none is reachable): empty, then the last
/// released baseline, then the current build, with data in every table; rollback to the baseline; history and journal;
/// a concurrent publish refused; drift detected after a manual change. Each test uses a database of its own.
/// </summary>
public sealed class DeploymentLiveTests(SqlServerInstance server) : IAsyncLifetime
{
    private readonly string _database = $"FoundationDeploy_{Guid.NewGuid():N}"[..32];
    private readonly RecordingConsole _console = new();
    private string? _master;

    private static string Baseline => ArtifactStore.LatestBaseline(Path.Combine(RepositoryPaths.Root, ArtifactStore.BaselinesRelativePath))
        ?? throw new InvalidOperationException("No release baseline under Fixtures/Baselines.");

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task PublishBaselineThenCurrentThenRollback_PreservesDataAndRecordsEveryStep()
    {
        Assert.Equal(ExitCode.Success, await Publish(Baseline, "--release-version", BaselineStore.ReadVersion(Baseline)!));
        await SeedEveryTableAsync();
        var before = await CountRowsAsync();

        Assert.Equal(ExitCode.Success, await Publish(LiveDacpac.Path, "--release-version", "9.9.9-test"));
        Assert.Equal(before, await CountRowsAsync());

        Assert.Equal(ExitCode.Success, await Run("rollback", "--dacpac", Baseline));
        Assert.Equal(before, await CountRowsAsync());

        var history = await QueryAsync("SELECT CONCAT([Direction], ':', [ReleaseVersion], ':', [Outcome], ':', ISNULL([PreviousVersion], '-')) FROM [Deploy].[SchemaHistory] ORDER BY [SchemaHistoryId];");
        var baselineVersion = BaselineStore.ReadVersion(Baseline);
        Assert.Equal(
            [$"Deploy:{baselineVersion}:Succeeded:-", $"Deploy:9.9.9-test:Succeeded:{baselineVersion}", $"Rollback:{baselineVersion}:Succeeded:9.9.9-test"],
            history);
        var journal = await QueryAsync("SELECT CONCAT([MigrationId], ':', IIF([RolledBackAt] IS NULL, 'applied', 'rolled back')) FROM [Deploy].[MigrationJournal] ORDER BY [AppliedOrder];");
        using var current = DacpacFile.Open(LiveDacpac.Path);
        using var baseline = DacpacFile.Open(Baseline);
        Assert.Equal(
            current.Migrations.Select(m => m.Id + (baseline.Migrations.Any(b => b.Id == m.Id) ? ":applied" : ":rolled back")),
            journal);
        Assert.Equal(ExitCode.Success, await Run("verify", "--connection", Master, "--database", _database));
        Assert.Equal(ExitCode.Success, await Run("history", "--connection", Master, "--database", _database));
        Assert.Contains("Rollback", _console.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task Publish_IsRefusedWithNothingChanged_WhenAnotherDeploymentHoldsTheLock()
    {
        Assert.Equal(ExitCode.Success, await Publish(LiveDacpac.Path));
        var rows = await QueryAsync("SELECT COUNT(*) FROM [Deploy].[SchemaHistory];");
        // The lock is in master, keyed by the database, so that it exists before the database does.
        await using var holder = new SqlConnection(SqlServerInstance.WithDatabase(Master, "master"));
        await holder.OpenAsync(TestContext.Current.CancellationToken);
        await using (var take = new SqlCommand("EXEC [sys].[sp_getapplock] @Resource = @Resource, @LockMode = 'Exclusive', @LockOwner = 'Session';", holder))
        {
            take.Parameters.AddWithValue("@Resource", DeploymentLock.ResourceFor(_database));
            await take.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var exit = await Publish(LiveDacpac.Path);

        Assert.Equal(ExitCode.LockHeld, exit);
        Assert.Contains("Another deployment holds the deployment lock", _console.Errors, StringComparison.Ordinal);
        Assert.Equal(rows, await QueryAsync("SELECT COUNT(*) FROM [Deploy].[SchemaHistory];"));
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task DriftAndPublish_DetectAManualChange_AndPublishRefusesUnlessForced()
    {
        Assert.Equal(ExitCode.Success, await Publish(LiveDacpac.Path));
        await ExecuteAsync("CREATE TABLE [dbo].[ManualHotfix] ([Id] INT NOT NULL CONSTRAINT [PK_dbo_ManualHotfix] PRIMARY KEY);");

        Assert.Equal(ExitCode.DriftDetected, await Run("drift", "--connection", Master, "--database", _database));
        Assert.Contains("[dbo].[ManualHotfix]", _console.Errors, StringComparison.Ordinal);

        Assert.Equal(ExitCode.DriftDetected, await Publish(LiveDacpac.Path));
        Assert.Equal(["1"], await QueryAsync("SELECT COUNT(*) FROM [Deploy].[SchemaHistory];"));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_master is null)
        {
            return;
        }

        SqlConnection.ClearAllPools();
        await using var connection = new SqlConnection(_master);
        await connection.OpenAsync();
        await using var drop = new SqlCommand(
            $"IF DB_ID(N'{_database}') IS NOT NULL BEGIN ALTER DATABASE [{_database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_database}]; END",
            connection);
        await drop.ExecuteNonQueryAsync();
    }

    private string Master => _master ??= server.RequireMasterConnectionString();

    private Task<ExitCode> Publish(string dacpac, params string[] extra) =>
        Run(["publish", "--dacpac", dacpac, "--profile", "Local", "--connection", Master, "--database", _database, .. extra]);

    private async Task<ExitCode> Run(params string[] args)
    {
        if (!args.Contains("--connection"))
        {
            args = [.. args, "--connection", Master, "--database", _database];
        }

        return (ExitCode)await DeployCli.RunAsync(args, _console, TestContext.Current.CancellationToken);
    }

    private async Task SeedEveryTableAsync() => await ExecuteAsync(
        """
        EXEC [Security].[usp_SetDeploymentSessionContext];
        INSERT INTO [Tenancy].[Tenants] ([Slug], [Name]) VALUES ('acme', N'Acme'), ('globex', N'Globex');
        INSERT INTO [Identity].[Users] ([TenantId], [Email], [GivenName], [FamilyName], [Status])
        SELECT [TenantId], CONCAT(N'admin@', [Slug], N'.example'), N'Ada', N'Admin', 'Active' FROM [Tenancy].[Tenants];
        INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId])
        SELECT [u].[TenantId], [u].[UserId], [r].[RoleId] FROM [Identity].[Users] AS [u] CROSS JOIN [Identity].[Roles] AS [r] WHERE [r].[Code] = 'BasicUser';
        """);

    private async Task<string> CountRowsAsync() => string.Join(",", await QueryAsync(
        """
        EXEC [Security].[usp_SetDeploymentSessionContext];
        SELECT CONCAT((SELECT COUNT(*) FROM [Tenancy].[Tenants]), '/', (SELECT COUNT(*) FROM [Identity].[Users]), '/', (SELECT COUNT(*) FROM [Identity].[Roles]), '/',
                      (SELECT COUNT(*) FROM [Identity].[Permissions]), '/', (SELECT COUNT(*) FROM [Identity].[RolePermissions]), '/', (SELECT COUNT(*) FROM [Identity].[UserRoles]));
        """));

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqlConnection(SqlServerInstance.WithDatabase(Master, _database));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new SqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = new SqlConnection(SqlServerInstance.WithDatabase(Master, _database));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new SqlCommand(sql, connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        do
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
            }
        }
        while (await reader.NextResultAsync(TestContext.Current.CancellationToken));

        return rows;
    }
}
