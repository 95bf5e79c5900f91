using Foundation.Deploy.Cli;
using Foundation.Deploy.Dacpacs;
using Foundation.Deploy.Planning;
using Microsoft.SqlServer.Dac;

namespace Foundation.Deploy.Publishing;

/// <summary>
/// The drift gate: which release's schema is live. First the release the database records as its last success; if the
/// live schema is not that one and a later deployment failed (after its schema change committed, in the
/// post-deployment script), that failed release's schema. The release that matches exactly is what the deployment starts
/// from; none matching is drift, and the deployment is refused with the differences from the recorded release.
/// </summary>
public sealed class LiveReleaseFinder(IConsoleOutput console)
{
    /// <summary>The release whose schema is live, its dacpac, and the reasons its irreversible migrations give.</summary>
    public sealed record LiveRelease(string Version, string Checksum, string DacpacPath, bool Failed, IReadOnlyDictionary<string, string> IrreversibleReasons);

    /// <summary>Null when there is nothing to compare (a new database, no recorded deployment, or <c>--force</c>).</summary>
    public LiveRelease? Find(PublishRequest request, DacServices services, LiveTargetState state)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        if (state.RecordedChecksum is null)
        {
            console.WriteLine(state.DatabaseExists && state.Unfinished.Count > 0
                ? "Drift check: the database records no successful deployment; nothing to compare."
                : "Drift check: the database records no deployment; nothing to compare.");
            return null;
        }

        if (request.Force)
        {
            console.WriteError($"Drift check SKIPPED (--force): the database's schema is not compared with release {state.RecordedVersion}.");
            return null;
        }

        var candidates = new List<(string Version, string Checksum, bool Failed)> { (state.RecordedVersion ?? "(unknown)", state.RecordedChecksum, false) };
        candidates.AddRange(state.Unfinished
            .Where(d => d.Checksum is not null && !string.Equals(d.Checksum, state.RecordedChecksum, StringComparison.OrdinalIgnoreCase))
            .Select(d => (d.ReleaseVersion, d.Checksum!, true))
            .DistinctBy(c => c.Item2, StringComparer.OrdinalIgnoreCase));

        IReadOnlyList<DriftDetector.Difference>? fromRecorded = null;
        foreach (var candidate in candidates)
        {
            var path = request.Artifacts.FindByChecksum(candidate.Checksum);
            if (path is null)
            {
                if (!candidate.Failed)
                {
                    throw new DeployToolException(
                        ExitCode.DriftDetected,
                        $"Cannot check drift: the dacpac of the recorded release {candidate.Version} (model {candidate.Checksum}) is in none of: {string.Join(", ", request.Artifacts.Directories)}. Pass --artifacts <folder with the release's dacpac>, or --force to deploy without the check. Nothing was changed.");
                }

                console.WriteError($"Drift check: the dacpac of failed release {candidate.Version} (model {candidate.Checksum[..12]}) was not found; the live schema cannot be compared with it.");
                continue;
            }

            using var dacpac = DacpacFile.Open(path);
            var differences = DriftDetector.Detect(services, request.Target.DatabaseName, dacpac);
            if (differences.Count == 0)
            {
                console.WriteLine(candidate.Failed
                    ? $"Drift check: the database has the schema of release {candidate.Version}, whose deployment failed after its schema change committed; it starts from there."
                    : $"Drift check: the database matches release {candidate.Version}.");
                return new LiveRelease(candidate.Version, candidate.Checksum, path, candidate.Failed, DeploymentPlanner.Reasons(dacpac.Migrations));
            }

            fromRecorded ??= differences;
        }

        throw new DeployToolException(
            ExitCode.DriftDetected,
            $"Refused: database [{request.Target.DatabaseName}] has drifted from release {state.RecordedVersion} it records ({fromRecorded!.Count} difference(s)):{Environment.NewLine}"
            + string.Join(Environment.NewLine, fromRecorded.Select(d => "  - " + d))
            + $"{Environment.NewLine}Bring the change into the project or undo it; --force deploys over it. Nothing was changed.");
    }
}
