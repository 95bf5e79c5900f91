using Foundation.Deploy.Connections;
using Foundation.Deploy.Dacpacs;
using Foundation.Deploy.Planning;
using Foundation.Deploy.Profiles;

namespace Foundation.Deploy.Publishing;

/// <summary>Everything a publish or rollback needs, resolved and checked by the command line before any connection.</summary>
/// <param name="DacpacPath">The dacpac to deploy.</param>
/// <param name="Profile">The publish profile (deploy options, SQLCMD variables).</param>
/// <param name="Target">The server and database.</param>
/// <param name="Direction">Deploy or Rollback (recorded).</param>
/// <param name="ReleaseVersion">The release version to record; null: the profile's ReleaseVersion, else the dacpac's version.</param>
/// <param name="VariableOverrides">SQLCMD values from the command line.</param>
/// <param name="Allowances">Reviewed exceptions to the data-loss and rebuild gates.</param>
/// <param name="Force">Skip the drift check (the refusal to deploy over drift).</param>
/// <param name="Artifacts">Where to find the dacpac of the recorded release, for the drift check.</param>
/// <param name="OutputDirectory">Where to write the report and script; null: not written.</param>
/// <param name="ExpectedReportHash">When set, refuse unless the plan's report hash equals it (the reviewed plan).</param>
/// <param name="RepositoryRoot">The repository, for the local cache of deployed dacpacs; null outside it.</param>
public sealed record PublishRequest(
    string DacpacPath,
    PublishProfile Profile,
    DeploymentTarget Target,
    DeploymentDirection Direction,
    string? ReleaseVersion,
    IReadOnlyDictionary<string, string> VariableOverrides,
    DeploymentAllowances Allowances,
    bool Force,
    ArtifactStore Artifacts,
    string? OutputDirectory,
    string? ExpectedReportHash,
    string? RepositoryRoot);
