using Foundation.Database.Tests.Live.Infrastructure;
using Foundation.Deploy;
using Foundation.Deploy.Publishing;
using Microsoft.Data.SqlClient;

namespace Foundation.Database.Tests.Live.Integration;

/// <summary>
/// Two publishes started at the same moment: the deployment lock (in master, keyed by the database) lets exactly one
/// through, the other is refused with the lock's exit code and message, and the database ends consistent. Into an
/// existing database, and into one that does not exist yet, where a lock inside the database could not exist yet either.
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

        // Act
        var outcomes = await RaceAsync(master, database.Name, cancellation);

        // Assert
        AssertExactlyOneWon(outcomes);
        var count = int.Parse(Assert.Single(rowsBefore), System.Globalization.CultureInfo.InvariantCulture);
        var outcomesAfter = await LiveSql.QueryAsync(connectionString, "SELECT [Outcome] FROM [Deploy].[SchemaHistory] ORDER BY [SchemaHistoryId];", cancellation);
        Assert.Equal(count + 1, outcomesAfter.Count);
        Assert.All(outcomesAfter, outcome => Assert.Equal("Succeeded", outcome));
        var violations = await DataValidator.RunAsync(LivePublisher.Target(master, database.Name), cancellation);
        Assert.Empty(violations);
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task Publish_LetsExactlyOneThrough_WhenTwoFirstDeploymentsRaceIntoADatabaseThatDoesNotExist()
    {
        // Arrange: a database name nobody has used
        var master = database.Server.RequireMasterConnectionString();
        var cancellation = TestContext.Current.CancellationToken;
        var name = $"FoundationRace_{Guid.NewGuid():N}"[..30];
        try
        {
            // Act
            var outcomes = await RaceAsync(master, name, cancellation);

            // Assert: one deployed; the other was refused by the lock and changed nothing; one history row
            AssertExactlyOneWon(outcomes);
            var history = await LiveSql.QueryAsync(SqlServerInstance.WithDatabase(master, name), "SELECT CONCAT([Direction], ':', [Outcome]) FROM [Deploy].[SchemaHistory];", cancellation);
            Assert.Equal(["Deploy:Succeeded"], history);
        }
        finally
        {
            SqlConnection.ClearAllPools();
            await using var connection = new SqlConnection(master);
            await connection.OpenAsync(CancellationToken.None);
            await using var drop = new SqlCommand($"IF DB_ID(N'{name}') IS NOT NULL BEGIN ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]; END", connection);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static async Task<PublishOutcome[]> RaceAsync(string master, string name, CancellationToken cancellation)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Task.Run(async () => { await start.Task; return await LivePublisher.PublishAsync(master, name, cancellation); }, cancellation);
        var second = Task.Run(async () => { await start.Task; return await LivePublisher.PublishAsync(master, name, cancellation); }, cancellation);
        start.SetResult();
        return await Task.WhenAll(first, second);
    }

    private static void AssertExactlyOneWon(PublishOutcome[] outcomes)
    {
        var winner = Assert.Single(outcomes, outcome => outcome.Succeeded);
        var loser = Assert.Single(outcomes, outcome => !outcome.Succeeded);
        Assert.True(loser.ExitCode == ExitCode.LockHeld, "The publish that lost the race: " + loser);
        Assert.Contains("Another deployment holds the deployment lock", loser.Errors, StringComparison.Ordinal);
        Assert.Contains("succeeded", winner.Output, StringComparison.Ordinal);
    }
}
