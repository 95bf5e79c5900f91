using Foundation.Database.Tests.Deployment.Fixtures;
using Foundation.Database.Tests.Infrastructure;
using Foundation.Deploy;
using Foundation.Deploy.Connections;
using Foundation.Deploy.Dacpacs;
using Foundation.Deploy.Planning;
using Foundation.Deploy.Profiles;
using Foundation.Deploy.Publishing;

namespace Foundation.Database.Tests.Live.Infrastructure;

/// <summary>
/// Publishes a dacpac into a test database the way a developer does (<c>Foundation.Deploy publish --profile Local</c>):
/// through the deployment tool's <see cref="DacpacPublisher"/>, so the lock, the drift gate, the report, the SQLCMD
/// variables and the recording in <c>[Deploy].[SchemaHistory]</c> are the project's own. Nothing is written into the
/// repository: no report folder, no cache of deployed dacpacs; the recorded release's dacpac is found beside the one
/// deployed. The dacpac is <see cref="LiveDacpac.Path"/> unless a caller names another, and every publish is bounded by
/// <see cref="LiveTimeouts.Publish"/>.
/// </summary>
public static class LivePublisher
{
    public const string ProfileName = "Local";

    /// <summary>The Local publish profile, read with the tool's reader (DacFx's loader).</summary>
    public static PublishProfile ReadProfile() => PublishProfileReader.Read(
        PublishProfileReader.Resolve(ProfileName, Path.Combine(RepositoryPaths.DatabaseProjectDirectory, "Profiles")));

    /// <summary>The target as the tool resolves it from <c>--connection</c> and <c>--database</c> (connection policy included).</summary>
    public static DeploymentTarget Target(string serverConnectionString, string database) =>
        DeploymentTarget.Resolve(serverConnectionString, database, profileConnection: null, profileDatabase: null);

    /// <summary>
    /// Publishes <paramref name="dacpacPath"/> (default: <see cref="LiveDacpac.Path"/>) and returns the exit code and what
    /// was printed; throws <see cref="TimeoutException"/>, naming the bound, when it does not finish within
    /// <see cref="LiveTimeouts.Publish"/> (the tool is cancelled, and the wait ends even if DacFx ignores the cancellation).
    /// </summary>
    public static async Task<PublishOutcome> PublishAsync(string serverConnectionString, string database, CancellationToken cancellationToken, string? dacpacPath = null)
    {
        var console = new RecordingConsole();
        var dacpac = dacpacPath ?? LiveDacpac.Path;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(LiveTimeouts.Publish);
        ExitCode exit;
        try
        {
            var request = new PublishRequest(
                DacpacPath: dacpac,
                Profile: ReadProfile(),
                Target: Target(serverConnectionString, database),
                Direction: DeploymentDirection.Deploy,
                ReleaseVersion: null,
                VariableOverrides: new Dictionary<string, string>(),
                Allowances: DeploymentAllowances.None,
                Force: false,
                Artifacts: new ArtifactStore([Path.GetDirectoryName(Path.GetFullPath(dacpac))!]),
                OutputDirectory: null,
                ExpectedReportHash: null,
                RepositoryRoot: null);
            exit = await new DacpacPublisher(console).PublishAsync(request, bounded.Token)
                .WaitAsync(LiveTimeouts.Publish + TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch (Exception ex) when (TimedOut(ex, bounded, cancellationToken))
        {
            throw Timeout(dacpac, database, console, ex);
        }
        catch (DeployToolException ex)
        {
            // The command line maps a refusal (lock held, drift, bad input, connection) to its exit code the same way.
            console.WriteError(ex.Message);
            exit = ex.ExitCode;
        }

        // A tool that reported the cancellation as a failed exit code timed out just the same.
        if (exit != ExitCode.Success && bounded.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Timeout(dacpac, database, console, null);
        }

        return new PublishOutcome(exit, console.Output, console.Errors);
    }

    private static TimeoutException Timeout(string dacpac, string database, RecordingConsole console, Exception? inner) => new(
        $"Publishing {Path.GetFileName(dacpac)} into [{database}] did not finish within {LiveTimeouts.Describe(LiveTimeouts.Publish)} (LiveTimeouts.Publish). Printed so far:\n{console.Errors}\n{console.Output}",
        inner);

    /// <summary>The harness's bound fired (not the caller's token): the wait ended, or the tool stopped on the cancellation.</summary>
    private static bool TimedOut(Exception ex, CancellationTokenSource bounded, CancellationToken caller) =>
        !caller.IsCancellationRequested
        && (ex is TimeoutException || (bounded.IsCancellationRequested && ex is OperationCanceledException or DeployToolException));
}
