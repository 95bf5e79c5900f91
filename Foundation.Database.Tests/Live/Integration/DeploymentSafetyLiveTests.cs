using Foundation.Database.Tests.Deployment.Fixtures;
using Foundation.Database.Tests.Deployment.Rehearsal;
using Foundation.Database.Tests.Live.Infrastructure;
using Foundation.Deploy;
using Foundation.Deploy.Cli;
using Foundation.Deploy.Publishing;
using Microsoft.Data.SqlClient;

namespace Foundation.Database.Tests.Live.Integration;

/// <summary>
/// What the offline rehearsal cannot prove, against a real server: a dropped policy inside a transaction blocks every
/// other reader; the tool and the pre-deployment script take one and the same lock; a deployment that fails inside its
/// schema change leaves every policy on and nothing changed, one that fails after it is recorded Failed and can be
/// rolled back; a cancelled deployment is recorded Failed.
/// </summary>
public sealed class DeploymentSafetyLiveTests(SqlServerInstance server)
{
    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task DroppedPolicy_BlocksEveryOtherReader_UntilTheTransactionCommits()
    {
        await using var db = new LiveDeploymentDatabase(server);
        Assert.Equal(ExitCode.Success, await db.PublishAsync(LiveReleases.Current, "1.0.0-live"));
        await db.SeedAsync();
        var policy = Assert.Single(await db.QueryAsync(
            "SELECT DISTINCT CONCAT(QUOTENAME(OBJECT_SCHEMA_NAME([object_id])), N'.', QUOTENAME(OBJECT_NAME([object_id]))) FROM [sys].[security_predicates] WHERE [target_object_id] = OBJECT_ID(N'[Tenancy].[Tenants]');"));
        await using var deployer = await OpenAsync(db.ConnectionString);
        await using var reader = await OpenAsync(db.ConnectionString);
        await Execute(deployer, $"BEGIN TRANSACTION; DROP SECURITY POLICY {policy};");

        // Act: another session reads the table while the policy is gone, inside the deployer's transaction.
        var blocked = await Assert.ThrowsAsync<SqlException>(() => Execute(reader, "SET LOCK_TIMEOUT 2000; SELECT COUNT(*) FROM [Tenancy].[Tenants] WITH (NOLOCK);"));
        await Execute(deployer, "ROLLBACK TRANSACTION;");

        // Assert: it waited (lock request time out), and after the rollback the policy filters it again.
        Assert.Equal(1222, blocked.Number);
        await using var count = new SqlCommand("SELECT COUNT(*) FROM [Tenancy].[Tenants];", reader);
        Assert.Equal(0, (int)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task DeploymentLock_IsOneResourceInMaster_TakenByTheToolOrByThePreDeploymentScript()
    {
        await using var db = new LiveDeploymentDatabase(server);
        Assert.Equal(ExitCode.Success, await db.PublishAsync(LiveReleases.Current, "1.0.0-live"));
        var target = LivePublisher.Target(db.Master, db.Name);
        var lockStep = (await File.ReadAllTextAsync(Path.Combine(DeploymentScriptSources.ScriptsDirectory, "PreDeployment", "010-Deploy-AcquireLock.sql"), TestContext.Current.CancellationToken))
            .Replace("$(DeploymentLockHeld)", "False", StringComparison.Ordinal).Replace("\nGO", "\n", StringComparison.Ordinal);

        // The tool holds it: the script's step refuses.
        await using (var toolLock = await DeploymentLock.AcquireAsync(target, TestContext.Current.CancellationToken))
        {
            await using var script = await OpenAsync(db.ConnectionString);
            var refused = await Assert.ThrowsAsync<SqlException>(() => Execute(script, lockStep));
            Assert.Equal(SqlErrorNumbers.LockHeld, refused.Number);
        }

        // The script holds it (SqlPackage deploying): the tool refuses.
        await using (var sqlPackage = await OpenAsync(db.ConnectionString))
        {
            await Execute(sqlPackage, lockStep);
            var ex = await Assert.ThrowsAsync<DeployToolException>(() => DeploymentLock.AcquireAsync(target, TestContext.Current.CancellationToken));
            Assert.Equal(ExitCode.LockHeld, ex.ExitCode);
        }
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task FailureInsideTheSchemaChange_LeavesEveryPolicyOnAndNothingChanged_IsRecordedFailed_AndTheNextDeploymentSucceeds()
    {
        await using var db = new LiveDeploymentDatabase(server);
        Assert.Equal(ExitCode.Success, await db.PublishAsync(LiveReleases.Current, "1.0.0-live"));
        await db.SeedAsync();
        var policies = await db.PoliciesAsync();
        var predicate = await db.QueryAsync("SELECT OBJECT_DEFINITION(OBJECT_ID(N'[Security].[fn_TenantAccessPredicate]'));");

        var exit = await db.PublishAsync(LiveReleases.FailsInsideTheSchemaChange, "1.1.0-fails");

        Assert.Equal(ExitCode.DeploymentFailed, exit);
        Assert.Equal(policies, await db.PoliciesAsync());
        Assert.All(policies, p => Assert.EndsWith(":on", p, StringComparison.Ordinal));
        Assert.Equal(predicate, await db.QueryAsync("SELECT OBJECT_DEFINITION(OBJECT_ID(N'[Security].[fn_TenantAccessPredicate]'));"));
        Assert.Equal(["0"], await db.QueryAsync("SELECT COUNT(*) FROM [sys].[indexes] WHERE [name] = N'UQ_Tenancy_Tenants_Name';"));
        Assert.Equal(["Deploy:1.0.0-live:Succeeded", "Deploy:1.1.0-fails:Failed"], await db.HistoryAsync());
        Assert.Equal(ExitCode.Success, await db.PublishAsync(LiveReleases.Current, "1.0.0-live"));
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task FailureAfterTheSchemaChange_IsRecordedFailed_AndRollbackFromTheFailedReleaseSucceeds()
    {
        await using var db = new LiveDeploymentDatabase(server);
        Assert.Equal(ExitCode.Success, await db.PublishAsync(LiveReleases.Current, "1.0.0-live"));
        await db.SeedAsync();

        var failed = await db.PublishAsync(LiveReleases.FailsAfterTheSchemaChange, "2.0.0-fails");

        Assert.Equal(ExitCode.DeploymentFailed, failed);
        Assert.Contains("Injected failure", db.Console.Errors, StringComparison.Ordinal);
        Assert.Equal(["200"], await db.QueryAsync("SELECT COL_LENGTH(N'[Tenancy].[Tenants]', N'RehearsalNote');"));
        Assert.Equal([RehearsalVariants.RehearsalMigration.Id], await db.QueryAsync("SELECT [MigrationId] FROM [Deploy].[MigrationJournal] WHERE [MigrationId] LIKE N'9%' AND [RolledBackAt] IS NULL;"));
        Assert.Equal("Deploy:2.0.0-fails:Failed", (await db.HistoryAsync())[^1]);
        Assert.All(await db.PoliciesAsync(), p => Assert.EndsWith(":on", p, StringComparison.Ordinal));

        // The rollback finds the last release that succeeded, accepts that the live schema is the failed release's,
        // undoes its migration and drops its column.
        var rollback = await db.RunAsync("rollback", "--profile", "Production");

        Assert.True(rollback == ExitCode.Success, db.Console.Errors + db.Console.Output);
        Assert.Contains("has the schema of release 2.0.0-fails", db.Console.Output, StringComparison.Ordinal);
        Assert.Equal(["NULL"], await db.QueryAsync("SELECT COL_LENGTH(N'[Tenancy].[Tenants]', N'RehearsalNote');"));
        Assert.Empty(await db.QueryAsync("SELECT [MigrationId] FROM [Deploy].[MigrationJournal] WHERE [MigrationId] LIKE N'9%' AND [RolledBackAt] IS NULL;"));
        Assert.Equal("Rollback:1.0.0-live:Succeeded", (await db.HistoryAsync())[^1]);
        Assert.Equal(ExitCode.Success, await db.RunAsync("drift", "--profile", "Production", "--dacpac", LiveReleases.Current));
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task CancelledPublish_IsRecordedFailed()
    {
        await using var db = new LiveDeploymentDatabase(server);
        Assert.Equal(ExitCode.Success, await db.PublishAsync(LiveReleases.Current, "1.0.0-live"));
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var console = new CancellingConsole("(post-deployment script: new session)", cancellation);

        var exit = await DeployCli.RunAsync(
            ["publish", "--dacpac", LiveReleases.Next, "--profile", "Production", "--release-version", "2.0.0-cancelled", "--connection", db.Master, "--database", db.Name,
             "--artifacts", Path.GetDirectoryName(LiveReleases.Current)!, "--artifacts", LiveReleases.Folder],
            console,
            cancellation.Token);

        Assert.Equal((int)ExitCode.DeploymentFailed, exit);
        Assert.Equal(["Failed:Cancelled"], await db.QueryAsync("SELECT TOP (1) CONCAT([Outcome], ':', LEFT([ErrorMessage], 9)) FROM [Deploy].[SchemaHistory] ORDER BY [SchemaHistoryId] DESC;"));
    }

    private static async Task<SqlConnection> OpenAsync(string connectionString)
    {
        var connection = new SqlConnection(new SqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private static async Task Execute(SqlConnection connection, string sql)
    {
        await using var command = new SqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A console that cancels the deployment when it prints a given line, for a cancellation at a known point.</summary>
    private sealed class CancellingConsole(string trigger, CancellationTokenSource cancellation) : IConsoleOutput
    {
        private readonly RecordingConsole _inner = new();

        public void WriteLine(string text)
        {
            _inner.WriteLine(text);
            if (text.Contains(trigger, StringComparison.Ordinal))
            {
                cancellation.Cancel();
            }
        }

        public void WriteError(string text) => _inner.WriteError(text);

        public void WriteProgress(string text) => _inner.WriteProgress(text);
    }
}
