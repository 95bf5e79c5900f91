using Foundation.Database.Tests.Deployment.Fixtures;
using Foundation.Deploy;
using Foundation.Deploy.Connections;
using Foundation.Deploy.Planning;
using Foundation.Deploy.Publishing;
using Microsoft.Data.SqlClient;

namespace Foundation.Database.Tests.Deployment.Publishing;

/// <summary>
/// The executor without a server: a session it cannot open once the schema change has committed (the post-deployment
/// script's new session) is a failed deployment, not the "could not connect" that means nothing was changed (exit 4,
/// after which the pipeline does not roll back).
/// </summary>
public sealed class DeploymentScriptExecutorTests
{
    private static readonly DeploymentTarget _target = new("Server=127.0.0.1,1;Encrypt=True;TrustServerCertificate=True", "Foundation");

    [Fact]
    public async Task NewSessionThatCannotBeOpened_IsReportedAsAFailedDeployment_NotAsAConnectionFailure()
    {
        // Arrange: the first session "opens" (nothing runs on it before the marker); the second is refused.
        var opened = 0;
        var executor = new DeploymentScriptExecutor(new RecordingConsole(), (connectionString, _) =>
        {
            opened++;
            return opened == 1
                ? Task.FromResult(new SqlConnection(connectionString))
                : throw new DeployToolException(ExitCode.ConnectionFailed, "Could not connect to '127.0.0.1,1': login failed");
        });
        var script = $"{DeploymentScriptComposer.NewSessionMarker}\nGO\nPRINT N'post';\nGO\n";

        // Act
        var ex = await Assert.ThrowsAsync<DeploymentScriptExecutor.NewSessionFailedException>(
            () => executor.ExecuteAsync(script, new Dictionary<string, string>(), _target, 30, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(2, opened);
        Assert.Contains("after the schema change committed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("login failed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstSessionThatCannotBeOpened_StaysAConnectionFailure_NothingRan()
    {
        var executor = new DeploymentScriptExecutor(new RecordingConsole(), (_, _) =>
            throw new DeployToolException(ExitCode.ConnectionFailed, "Could not connect to '127.0.0.1,1': refused"));

        var ex = await Assert.ThrowsAsync<DeployToolException>(
            () => executor.ExecuteAsync("PRINT N'pre';\nGO\n", new Dictionary<string, string>(), _target, 30, TestContext.Current.CancellationToken));

        Assert.Equal(ExitCode.ConnectionFailed, ex.ExitCode);
    }
}
