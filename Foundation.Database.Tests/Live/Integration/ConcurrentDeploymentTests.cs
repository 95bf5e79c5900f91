using Foundation.Database.Tests.Live.Infrastructure;
using Foundation.Deploy;
using Foundation.Deploy.Publishing;

namespace Foundation.Database.Tests.Live.Integration;

/// <summary>
/// Two publishes of the same dacpac started at the same moment against one database: the deployment lock lets exactly
/// one through, the other is refused with the lock's exit code and message, and the database ends consistent.
/// (A publish refused by a lock that is already held is DeploymentLiveTests' case; this is the race itself.)
/// </summary>
public sealed class ConcurrentDeploymentTests(LiveDatabase database) : IClassFixture<LiveDatabase>
{
    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task Publish_LetsExactlyOneThrough_WhenTwoPublishesStartAtOnceAgainstOneDatabase()
    {
        // Arrange: a deployed database (the fixture's publish) and two publishes held at one start line
        var connectionString = await database.RequireConnectionString();
        var master = database.Server.RequireMasterConnectionString();
        var cancellation = TestContext.Current.CancellationToken;
        var rowsBefore = await LiveSql.QueryAsync(connectionString, "SELECT COUNT(*) FROM [Deploy].[SchemaHistory];", cancellation);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Task.Run(async () => { await start.Task; return await LivePublisher.PublishAsync(master, database.Name, cancellation); }, cancellation);
        var second = Task.Run(async () => { await start.Task; return await LivePublisher.PublishAsync(master, database.Name, cancellation); }, cancellation);

        // Act
        start.SetResult();
        var outcomes = await Task.WhenAll(first, second);

        // Assert
        var winner = Assert.Single(outcomes, outcome => outcome.Succeeded);
        var loser = Assert.Single(outcomes, outcome => !outcome.Succeeded);
        Assert.True(loser.ExitCode == ExitCode.LockHeld, "The publish that lost the race: " + loser);
        Assert.Contains("Another deployment holds the deployment lock", loser.Errors, StringComparison.Ordinal);
        Assert.Contains("succeeded", winner.Output, StringComparison.Ordinal);

        var count = int.Parse(Assert.Single(rowsBefore), System.Globalization.CultureInfo.InvariantCulture);
        var outcomesAfter = await LiveSql.QueryAsync(connectionString, "SELECT [Outcome] FROM [Deploy].[SchemaHistory] ORDER BY [SchemaHistoryId];", cancellation);
        Assert.Equal(count + 1, outcomesAfter.Count);
        Assert.All(outcomesAfter, outcome => Assert.Equal("Succeeded", outcome));
        var violations = await DataValidator.RunAsync(LivePublisher.Target(master, database.Name), cancellation);
        Assert.Empty(violations);
    }
}
