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
/// repository: no report folder, no cache of deployed dacpacs; the recorded release's dacpac is found beside the tests.
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

    /// <summary>Publishes <paramref name="dacpacPath"/> (default: the built dacpac) and returns the exit code and what was printed.</summary>
    public static async Task<PublishOutcome> PublishAsync(string serverConnectionString, string database, CancellationToken cancellationToken, string? dacpacPath = null)
    {
        var console = new RecordingConsole();
        var dacpac = dacpacPath ?? RepositoryPaths.Dacpac;
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
            exit = await new DacpacPublisher(console).PublishAsync(request, cancellationToken);
        }
        catch (DeployToolException ex)
        {
            // The command line maps a refusal (lock held, drift, bad input, connection) to its exit code the same way.
            console.WriteError(ex.Message);
            exit = ex.ExitCode;
        }

        return new PublishOutcome(exit, console.Output, console.Errors);
    }
}
