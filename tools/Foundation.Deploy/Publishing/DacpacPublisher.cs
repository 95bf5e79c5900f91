using Foundation.Deploy.Cli;
using Foundation.Deploy.Dacpacs;
using Foundation.Deploy.Planning;
using Foundation.Deploy.Profiles;
using Foundation.Deploy.Reporting;
using Microsoft.Data.SqlClient;
using Microsoft.SqlServer.Dac;

namespace Foundation.Deploy.Publishing;

/// <summary>
/// Publishes (or rolls back to) a dacpac, in this order, refusing with nothing changed at each gate:
/// take the deployment lock (in master, keyed by database, so first deployments are serialised too); create the
/// database when it does not exist; read what the target records; refuse on drift from what is live (the recorded
/// release, or a failed release after it whose schema is what is live); plan with one compare and write the report
/// and the script that will run; refuse if the report is not the reviewed one (<c>--expect-report-hash</c>); refuse
/// any data loss, table rebuild, down step or migration the gates do not allow; then run exactly the planned script
/// (<see cref="DeploymentScriptExecutor"/>). A failure or a cancellation is recorded as Failed.
/// </summary>
public sealed class DacpacPublisher(IConsoleOutput console)
{
    public async Task<ExitCode> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var dacpac = DacpacFile.Open(request.DacpacPath);
        var release = DeploymentVariables.ReleaseVersion(request.ReleaseVersion, request.Profile, dacpac);
        var verb = request.Direction == DeploymentDirection.Rollback ? "Rollback" : "Deployment";
        console.WriteLine($"{verb} of {dacpac.Name} release {release} (model {dacpac.ModelChecksum[..12]}) to [{request.Target.DatabaseName}] on {request.Target.ServerName} with profile {request.Profile.Name}.");

        await using var deploymentLock = await DeploymentLock.AcquireAsync(request.Target, cancellationToken).ConfigureAwait(false);
        console.WriteLine($"Deployment lock '{deploymentLock.Resource}' taken in [{deploymentLock.Database}].");
        var created = await DatabaseCreator.EnsureAsync(request.Target, dacpac.Path, cancellationToken).ConfigureAwait(false);
        if (created)
        {
            console.WriteLine($"Database [{request.Target.DatabaseName}] did not exist: created it, empty, under the lock.");
        }

        var state = await TargetStateReader.ReadAsync(request.Target, cancellationToken).ConfigureAwait(false);
        var services = DacProgress.Attach(new DacServices(request.Target.ServerConnectionString));
        var live = new LiveReleaseFinder(console).Find(request, services, state);

        var deploymentId = Guid.NewGuid();
        var variables = DeploymentVariables.For(dacpac, request.Profile, request.VariableOverrides, release, request.Direction, request.Force ? null : state.RecordedVersion, deploymentId);
        var planRequest = new PlanRequest(request.Profile.DeployOptions, variables.Values, request.Allowances, request.Direction) { ProfileName = request.Profile.Name };
        var plan = await PlanAsync(dacpac, services, request.Target, created ? LiveTargetState.Empty : state, planRequest, live?.IrreversibleReasons, cancellationToken).ConfigureAwait(false);
        var report = plan.Report;
        var written = ReportFiles.Write(plan, request.OutputDirectory);
        console.WriteLine(written is null ? $"Report hash {report.Hash}." : $"Report {written} (hash {report.Hash}).");

        if (request.ExpectedReportHash is not null && !string.Equals(request.ExpectedReportHash, report.Hash, StringComparison.OrdinalIgnoreCase))
        {
            console.WriteError($"Refused: the plan changed since it was reviewed (expected report hash {request.ExpectedReportHash}, now {report.Hash}). Review the new report. Nothing was changed.");
            return ExitCode.GateRefused;
        }

        if (report.GateRefusals.Count > 0)
        {
            console.WriteError($"Refused: {report.GateRefusals.Count} gate(s) closed. Nothing was changed.");
            foreach (var refusal in report.GateRefusals)
            {
                console.WriteError("  - " + refusal);
            }

            console.WriteError("Allow a specific object in Foundation.Database/Profiles/DeploymentAllowances.json (reviewed) or with --allow-data-loss / --allow-rebuild.");
            return ExitCode.GateRefused;
        }

        var startedAt = DateTime.UtcNow;
        var overrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (dacpac.DeclaredVariables.ContainsKey(SqlCmdVariables.Names.ReportHash))
        {
            overrides[SqlCmdVariables.Names.ReportHash] = report.Hash;
        }

        var failure = new DeploymentRecorder.Failure(deploymentId, release, dacpac.ModelChecksum, request.Direction.ToString(), ToolInfo.Description, report.Hash, startedAt, string.Empty);
        try
        {
            var timeout = EffectiveDeployOptions.For(request.Profile.DeployOptions, request.Direction).LongRunningCommandTimeout;
            await new DeploymentScriptExecutor(console).ExecuteAsync(plan.Script, overrides, request.Target, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (DeploymentScriptExecutor.BatchFailedException ex)
        {
            return await FailAsync(request, failure with { Error = $"{ex.Error.Message} (deploy.sql batch {ex.Batch}, line {ex.Line}; error {ex.Error.Number})" }, ex.Error.Number, cancellationToken).ConfigureAwait(false);
        }
        catch (DeploymentScriptExecutor.NewSessionFailedException ex)
        {
            // Not "could not connect" (exit 4, which the pipeline reads as "nothing was changed"): the schema change has
            // committed, so this is a failed deployment, recorded (its history row would otherwise stay Running).
            return await FailAsync(request, failure with { Error = ex.Message }, 0, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is OperationCanceledException or SqlException)
        {
            await FailAsync(request, failure with { Error = "Cancelled by the operator while the deployment script ran; what had not committed was rolled back (the schema change commits before the post-deployment script starts)." }, 0, CancellationToken.None).ConfigureAwait(false);
            throw new DeployToolException(ExitCode.DeploymentFailed, $"{request.Direction} cancelled: deployment {deploymentId}; whether it was recorded as Failed in [Deploy].[SchemaHistory] is said above.", ex);
        }
        catch (SqlException ex)
        {
            return await FailAsync(request, failure with { Error = ex.Message }, ex.Number, cancellationToken).ConfigureAwait(false);
        }

        if (request.RepositoryRoot is not null)
        {
            ArtifactStore.CacheDeployed(dacpac.Path, dacpac.ModelChecksum, request.RepositoryRoot);
        }

        var duration = DateTime.UtcNow - startedAt;
        console.WriteLine($"{verb} succeeded in {duration.TotalSeconds:0.0}s: [{request.Target.DatabaseName}] is at release {release}; recorded in [Deploy].[SchemaHistory] (deployment {deploymentId}); data validation passed.");
        return ExitCode.Success;
    }

    /// <summary>
    /// The plan against a live database, as <c>plan --live</c> and <c>publish</c> both make it: one compare (with an empty
    /// model when the database does not exist yet, as the publish creates it empty), then the sizes of the tables it
    /// touches (read, not re-planned).
    /// </summary>
    public static async Task<DeploymentPlan> PlanAsync(
        DacpacFile dacpac,
        DacServices services,
        Connections.DeploymentTarget target,
        LiveTargetState state,
        PlanRequest request,
        IReadOnlyDictionary<string, string>? irreversibleReasons,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(state);
        // A database that does not exist (or that this publish has just created, empty) is planned against an empty model.
        var comparison = state.DatabaseExists
            ? DeploymentPlanner.CompareLive(dacpac, services, target.DatabaseName, request)
            : DeploymentPlanner.CompareWithEmpty(dacpac, target.DatabaseName, request);
        var sizes = state.DatabaseExists
            ? await TargetStateReader.ReadSizesAsync(target, DeploymentPlanner.AffectedExistingTables(comparison.ReportXml), cancellationToken).ConfigureAwait(false)
            : [];
        return DeploymentPlanner.Build(dacpac, DeploymentPlanner.DescribeLive(target.DatabaseName, state), comparison, state.AppliedMigrations, sizes, request, irreversibleReasons);
    }

    private async Task<ExitCode> FailAsync(PublishRequest request, DeploymentRecorder.Failure failure, int errorNumber, CancellationToken cancellationToken)
    {
        ToolProgress.Report($"Recording the failure in [Deploy].[SchemaHistory] (waits for the server to finish rolling back, up to {DeploymentRecorder.CommandTimeoutSeconds} s)...");
        var recorded = await DeploymentRecorder.RecordFailureAsync(request.Target, failure, CancellationToken.None).ConfigureAwait(false);
        console.WriteError($"{request.Direction} FAILED: {failure.Error}");
        console.WriteError(recorded.Recorded
            ? $"Recorded as failed in [Deploy].[SchemaHistory] (deployment {failure.DeploymentId}). The schema change and everything before it were rolled back unless the failure came after them, in the post-deployment script."
            : $"Not recorded: {recorded.NotRecordedBecause}.");
        switch (errorNumber)
        {
            case SqlErrorNumbers.ValidationFailed or SqlErrorNumbers.ConstraintValidationFailed:
                await PrintViolationsAsync(request, errorNumber, cancellationToken).ConfigureAwait(false);
                return ExitCode.ValidationFailed;
            case SqlErrorNumbers.LockHeld:
                return ExitCode.LockHeld;
            case SqlErrorNumbers.VersionMismatch:
                return ExitCode.DriftDetected;
            default:
                return ExitCode.DeploymentFailed;
        }
    }

    private async Task PrintViolationsAsync(PublishRequest request, int errorNumber, CancellationToken cancellationToken)
    {
        if (errorNumber != SqlErrorNumbers.ValidationFailed)
        {
            return;
        }

        try
        {
            foreach (var violation in await DataValidator.RunAsync(request.Target, cancellationToken).ConfigureAwait(false))
            {
                console.WriteError("  - " + violation);
            }
        }
        catch (Exception ex) when (ex is DeployToolException or SqlException)
        {
            // The list is already in the error message; the validator is only a nicer rendering.
        }
    }
}
