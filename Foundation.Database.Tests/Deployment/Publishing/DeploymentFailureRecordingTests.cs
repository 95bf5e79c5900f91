using System.CommandLine;
using System.Data;
using Foundation.Deploy.Cli;
using Foundation.Deploy.Connections;
using Foundation.Deploy.Publishing;

namespace Foundation.Database.Tests.Deployment.Publishing;

/// <summary>
/// What the tool says and does when it records a failed deployment, shown without a server: a write that fails is not
/// reported as a missing history table, the row is dated by the server's clock (the table's CHECK compares it with
/// SYSUTCDATETIME()), the write may wait behind the failed session's rollback, and a cancelled publish is given the
/// time to record before System.CommandLine ends the process.
/// </summary>
public sealed class DeploymentFailureRecordingTests
{
    // Nothing listens on port 1 of this machine: a connection is refused at once.
    private const string UnreachableServer = "Server=127.0.0.1,1;Encrypt=True;TrustServerCertificate=True;User ID=sa;Password=not-a-secret;Connect Timeout=5;ConnectRetryCount=0";

    private static readonly DeploymentRecorder.Failure _failure = new(
        Guid.NewGuid(), "1.2.0", new string('a', 64), "Deploy", "Foundation.Deploy test", new string('b', 64), DateTime.UtcNow, "Msg 50302: version mismatch");

    [Fact]
    public async Task RecordFailure_SaysTheWriteFailed_NotThatTheHistoryTableIsMissing_WhenTheServerCannotBeReached()
    {
        var outcome = await DeploymentRecorder.RecordFailureAsync(new DeploymentTarget(UnreachableServer, "Foundation"), _failure, TestContext.Current.CancellationToken);

        Assert.False(outcome.Recorded);
        Assert.NotEqual(DeploymentRecorder.NoHistoryTable, outcome.NotRecordedBecause);
        Assert.StartsWith("writing it failed", outcome.NotRecordedBecause, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1,1", outcome.NotRecordedBecause, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordFailure_DatesTheRowByTheServersClock_SoAnAgentClockAheadOfTheServerCannotBreakTheCompletedAtCheck()
    {
        using var command = DeploymentRecorder.Command(_failure, TimeSpan.FromSeconds(42.5));

        Assert.DoesNotContain(command.Parameters.Cast<Microsoft.Data.SqlClient.SqlParameter>(), p => p.SqlDbType is SqlDbType.DateTime2 or SqlDbType.DateTime || p.Value is DateTime);
        Assert.Equal(42_500, command.Parameters["@ElapsedMs"].Value);
        Assert.Contains("DATEADD(MILLISECOND, -@ElapsedMs, @Now), @Now, ''Failed''", command.CommandText, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordFailure_WaitsLongerThanSqlClientsDefault_ForTheFailedSessionsRollback()
    {
        using var command = DeploymentRecorder.Command(_failure, TimeSpan.Zero);

        Assert.True(command.CommandTimeout >= 300, $"the recording gives up after {command.CommandTimeout} s");
    }

    [Theory]
    [InlineData("publish")]
    [InlineData("rollback")]
    public void Cancellation_OfADeployment_IsGivenTheTimeToRecordTheFailure_BeforeTheProcessIsEnded(string verb)
    {
        var invocation = DeployCli.Invocation(verb, TextWriter.Null, TextWriter.Null);

        Assert.NotNull(invocation.ProcessTerminationTimeout);
        Assert.True(
            invocation.ProcessTerminationTimeout > TimeSpan.FromSeconds(DeploymentRecorder.CommandTimeoutSeconds),
            $"System.CommandLine ends the process {invocation.ProcessTerminationTimeout} after Ctrl+C, before the failure can be recorded");
    }

    [Fact]
    public void Cancellation_OfAVerbThatChangesNothing_KeepsSystemCommandLinesDefault()
    {
        Assert.Equal(new InvocationConfiguration().ProcessTerminationTimeout, DeployCli.Invocation("plan", TextWriter.Null, TextWriter.Null).ProcessTerminationTimeout);
    }
}
