using Foundation.Database.Tests.Live.Infrastructure;
using Foundation.Deploy.Dacpacs;
using Foundation.Deploy.Planning;
using Foundation.Deploy.Profiles;
using Foundation.Deploy.Publishing;
using Microsoft.SqlServer.Dac;

namespace Foundation.Database.Tests.Live.Integration;

/// <summary>
/// A second publish of the same dacpac changes nothing but the deployment history: the live plan has no schema
/// operation and no data migration to run, the seeds do not touch their rows (so the system-versioned history of the
/// seeded tables does not grow), the journal is unchanged, and the deployment is recorded once more as Succeeded.
/// </summary>
public sealed class RepeatedDeploymentTests(LiveDatabase database) : IClassFixture<LiveDatabase>
{
    /// <summary>Per seeded table (and its history): row count and latest change time.</summary>
    private const string SeedSnapshotSql = """
        SELECT CONCAT('Identity.Roles ', COUNT(*), ' ', CONVERT(VARCHAR(33), MAX([UpdatedAt]), 126)) FROM [Identity].[Roles];
        SELECT CONCAT('History.Roles ', COUNT(*), ' ', CONVERT(VARCHAR(33), MAX([UpdatedAt]), 126), ' ', CONVERT(VARCHAR(33), MAX([ValidTo]), 126)) FROM [History].[Roles];
        SELECT CONCAT('Identity.Permissions ', COUNT(*), ' ', CONVERT(VARCHAR(33), MAX([CreatedAt]), 126)) FROM [Identity].[Permissions];
        SELECT CONCAT('Identity.RolePermissions ', COUNT(*), ' ', CONVERT(VARCHAR(33), MAX([GrantedAt]), 126)) FROM [Identity].[RolePermissions];
        """;

    private const string JournalSql = """
        SELECT CONCAT([MigrationId], ' ', [Checksum], ' ', CONVERT(VARCHAR(33), [AppliedAt], 126), ' ', [AppliedInRelease], ' ', ISNULL(CONVERT(VARCHAR(33), [RolledBackAt], 126), '-'))
        FROM [Deploy].[MigrationJournal] ORDER BY [AppliedOrder];
        """;

    private const string HistorySql = """
        SELECT CONCAT([SchemaHistoryId], ' ', [Direction], ' ', [ReleaseVersion], ' ', [DacpacChecksum], ' ', [Outcome])
        FROM [Deploy].[SchemaHistory] ORDER BY [SchemaHistoryId];
        """;

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task Deployment_IsANoOp_WhenTheSameDacpacIsPublishedTwice()
    {
        // Arrange: the first publish (the fixture's), then what the second one will find
        var connectionString = await database.RequireConnectionString();
        var master = database.Server.RequireMasterConnectionString();
        var cancellation = TestContext.Current.CancellationToken;
        var seedsBefore = await LiveSql.QueryAsync(connectionString, SeedSnapshotSql, cancellation);
        var journalBefore = await LiveSql.QueryAsync(connectionString, JournalSql, cancellation);
        var historyBefore = await LiveSql.QueryAsync(connectionString, HistorySql, cancellation);
        var plan = await PlanAgainstTheLiveDatabaseAsync(master, cancellation);

        // Act
        var outcome = await LivePublisher.PublishAsync(master, database.Name, cancellation);

        // Assert
        Assert.True(outcome.Succeeded, outcome.ToString());
        Assert.True(
            plan.Report.Operations.Count == 0,
            "The live plan of an unchanged dacpac has schema operations:\n" + string.Join('\n', plan.Report.Operations.Select(o => $"{o.Action} {o.ObjectType} {o.ObjectName}")));
        Assert.Empty(plan.Report.Migrations);
        Assert.Equal(seedsBefore, await LiveSql.QueryAsync(connectionString, SeedSnapshotSql, cancellation));
        Assert.Equal(journalBefore, await LiveSql.QueryAsync(connectionString, JournalSql, cancellation));
        var historyAfter = await LiveSql.QueryAsync(connectionString, HistorySql, cancellation);
        Assert.Equal(historyBefore, historyAfter.Take(historyBefore.Count));
        var added = Assert.Single(historyAfter.Skip(historyBefore.Count));
        var previous = Assert.Single(historyBefore);
        Assert.Equal(Words(previous)[1..], Words(added)[1..]); // same direction, release, model; Succeeded
        Assert.Equal("Succeeded", Words(added)[^1]);
    }

    /// <summary>The plan the publisher makes before it deploys: the Local profile's options and variables against the live database.</summary>
    private async Task<DeploymentPlan> PlanAgainstTheLiveDatabaseAsync(string master, CancellationToken cancellationToken)
    {
        var profile = LivePublisher.ReadProfile();
        var target = LivePublisher.Target(master, database.Name);
        using var dacpac = DacpacFile.Open(LiveDacpac.Path);
        var variables = new SqlCmdVariables().Set(dacpac.DeclaredVariables, "declared").Set(profile.SqlCmdVariables, "profile");
        var state = await TargetStateReader.ReadAsync(target, cancellationToken);
        var request = new PlanRequest(profile.DeployOptions, variables.Values, DeploymentAllowances.None, DeploymentDirection.Deploy);
        return DeploymentPlanner.Plan(dacpac, new DacServices(target.ServerConnectionString), target.DatabaseName, state, request);
    }

    private static string[] Words(string row) => row.Split(' ');
}
