using Foundation.Deploy.Cli;
using Foundation.Deploy.Planning;

namespace Foundation.Deploy.Publishing;

/// <summary>
/// Rolls a database back to an earlier release: finds that release's dacpac (a path, a version in the artifact folders,
/// or by default from Deploy.SchemaHistory: the last succeeded release when a later deployment failed and left its
/// schema, else the release before the current one), then publishes it with direction Rollback through the same gates.
/// The plan drops what the releases rolled back added (the drift gate has proven nothing else is there) and accepts
/// the data loss in what the release returned to never had; the down steps of the migrations it does not know run
/// inside the deployment transaction, after the pre-deployment script's gates and before the schema change.
/// </summary>
public sealed class RollbackRunner(IConsoleOutput console)
{
    public async Task<ExitCode> RollbackAsync(PublishRequest request, string? toVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var resolved = request;
        if (string.IsNullOrEmpty(request.DacpacPath))
        {
            var (path, version) = await ResolvePreviousAsync(request, toVersion, cancellationToken).ConfigureAwait(false);
            console.WriteLine($"Rolling back to release {version}: {path}");
            resolved = request with { DacpacPath = path, ReleaseVersion = request.ReleaseVersion ?? version };
        }

        return await new DacpacPublisher(console).PublishAsync(resolved with { Direction = DeploymentDirection.Rollback }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(string Path, string Version)> ResolvePreviousAsync(PublishRequest request, string? toVersion, CancellationToken cancellationToken)
    {
        if (toVersion is not null)
        {
            var byVersion = request.Artifacts.FindByVersion(toVersion)
                ?? throw DeployToolException.InvalidInput($"No dacpac for release {toVersion} in: {string.Join(", ", request.Artifacts.Directories)}. Pass --artifacts or --dacpac.");
            return (byVersion, toVersion);
        }

        var history = await HistoryReader.ReadAsync(request.Target, 1000, cancellationToken).ConfigureAwait(false);
        var succeeded = history.Where(h => h.Outcome == "Succeeded").ToList();
        if (succeeded.Count == 0)
        {
            throw DeployToolException.InvalidInput($"Database [{request.Target.DatabaseName}] records no successful deployment: there is nothing to roll back to. Pass --dacpac or --to-version.");
        }

        var current = succeeded[0];
        var failedAfter = history.TakeWhile(h => h.Id > current.Id)
            .FirstOrDefault(h => h.DacpacChecksum is not null && !string.Equals(h.DacpacChecksum, current.DacpacChecksum, StringComparison.OrdinalIgnoreCase));
        var previous = failedAfter is not null
            ? current
            : succeeded.Skip(1).FirstOrDefault(h => !string.Equals(h.DacpacChecksum, current.DacpacChecksum, StringComparison.OrdinalIgnoreCase))
              ?? throw DeployToolException.InvalidInput($"Database [{request.Target.DatabaseName}] records no release before {current.ReleaseVersion}. Pass --dacpac or --to-version.");
        if (failedAfter is not null)
        {
            console.WriteLine($"The last deployment, of release {failedAfter.ReleaseVersion}, did not succeed: rolling back to release {current.ReleaseVersion}, the last that did.");
        }

        var path = (previous.DacpacChecksum is null ? null : request.Artifacts.FindByChecksum(previous.DacpacChecksum))
            ?? request.Artifacts.FindByVersion(previous.ReleaseVersion)
            ?? throw DeployToolException.InvalidInput($"The dacpac of release {previous.ReleaseVersion} (model {previous.DacpacChecksum}) is in none of: {string.Join(", ", request.Artifacts.Directories)}. Pass --artifacts <the pipeline's release archive> or --dacpac.");
        return (path, previous.ReleaseVersion);
    }
}
