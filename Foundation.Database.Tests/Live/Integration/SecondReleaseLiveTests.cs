using Foundation.Database.Tests.Deployment.Rehearsal;
using Foundation.Database.Tests.Live.Infrastructure;
using Foundation.Deploy;

namespace Foundation.Database.Tests.Live.Integration;

/// <summary>
/// A real second release (<see cref="LiveReleases.Next"/>: a column on an RLS-protected temporal table and a migration
/// that fills it, with a down step) deployed over the current one with data, then rolled back: the upgrade changes the
/// schema and runs the migration, the rollback runs the down step inside the deployment transaction and drops what the
/// release added, and the data is checked at each step.
/// </summary>
public sealed class SecondReleaseLiveTests(SqlServerInstance server)
{
    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task UpgradeThenRollback_ChangeTheSchema_RunTheMigrationThenItsDownStep_AndKeepTheData()
    {
        await using var db = new LiveDeploymentDatabase(server);
        Assert.Equal(ExitCode.Success, await db.PublishAsync(LiveReleases.Current, "1.0.0-live"));
        await db.SeedAsync();
        var tenantsAndUsers = await db.QueryAsync("SELECT CONCAT((SELECT COUNT(*) FROM [Tenancy].[Tenants]), '/', (SELECT COUNT(*) FROM [Identity].[Users]));");

        // Upgrade: the column appears and the migration fills it.
        var upgrade = await db.PublishAsync(LiveReleases.Next, "2.0.0-live");
        Assert.True(upgrade == ExitCode.Success, db.Console.Errors + db.Console.Output);
        Assert.Equal(["Acme|Acme", "Acme|Acme"], await db.QueryAsync("EXEC [sys].[sp_executesql] N'SELECT CONCAT([Name], ''|'', [RehearsalNote]) FROM [Tenancy].[Tenants] ORDER BY [Slug];';"));
        Assert.Equal(["applied"], await db.QueryAsync($"SELECT IIF([RolledBackAt] IS NULL, 'applied', 'rolled back') FROM [Deploy].[MigrationJournal] WHERE [MigrationId] = N'{RehearsalVariants.RehearsalMigration.Id}';"));
        Assert.Equal(tenantsAndUsers, await db.QueryAsync("SELECT CONCAT((SELECT COUNT(*) FROM [Tenancy].[Tenants]), '/', (SELECT COUNT(*) FROM [Identity].[Users]));"));

        // Rollback: the down step runs, then the column goes (its data loss is allowed: release 1.0.0-live never had it).
        var rollback = await db.RollbackAsync(LiveReleases.Current, "1.0.0-live");
        Assert.True(rollback == ExitCode.Success, db.Console.Errors + db.Console.Output);
        Assert.Equal(["NULL"], await db.QueryAsync("SELECT COL_LENGTH(N'[Tenancy].[Tenants]', N'RehearsalNote');"));
        Assert.Equal(["rolled back in 1.0.0-live"], await db.QueryAsync($"SELECT CONCAT('rolled back in ', [RolledBackInRelease]) FROM [Deploy].[MigrationJournal] WHERE [MigrationId] = N'{RehearsalVariants.RehearsalMigration.Id}' AND [RolledBackAt] IS NOT NULL;"));
        Assert.Equal(tenantsAndUsers, await db.QueryAsync("SELECT CONCAT((SELECT COUNT(*) FROM [Tenancy].[Tenants]), '/', (SELECT COUNT(*) FROM [Identity].[Users]));"));
        Assert.Equal(["Deploy:1.0.0-live:Succeeded", "Deploy:2.0.0-live:Succeeded", "Rollback:1.0.0-live:Succeeded"], await db.HistoryAsync());
        Assert.All(await db.PoliciesAsync(), p => Assert.EndsWith(":on", p, StringComparison.Ordinal));
        Assert.Equal(ExitCode.Success, await db.RunAsync("verify", "--profile", "Production"));
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task PlanOfTheRollback_NamesTheDownStep_AndPublishWithItsHashRunsExactlyThatPlan()
    {
        await using var db = new LiveDeploymentDatabase(server);
        Assert.Equal(ExitCode.Success, await db.PublishAsync(LiveReleases.Current, "1.0.0-live"));
        Assert.Equal(ExitCode.Success, await db.PublishAsync(LiveReleases.Next, "2.0.0-live"));
        var output = Directory.CreateTempSubdirectory("foundation-live-plan-").FullName;
        try
        {
            var plan = await db.RunAsync("plan", "--source", LiveReleases.Current, "--live", "--rollback", "--profile", "Production", "--out", output);
            var hash = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "report.json"), TestContext.Current.CancellationToken)).RootElement.GetProperty("hash").GetString()!;

            Assert.Equal(ExitCode.ReviewRequired, plan);
            Assert.Contains(RehearsalVariants.RehearsalMigration.Id, await File.ReadAllTextAsync(Path.Combine(output, "report.json"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
            Assert.Equal(ExitCode.Success, await db.RollbackAsync(LiveReleases.Current, "1.0.0-live", "--expect-report-hash", hash));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
