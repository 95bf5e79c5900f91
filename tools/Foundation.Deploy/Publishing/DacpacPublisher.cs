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
/// take the deployment lock; read what the target records; refuse on drift from the recorded release (unless forced);
/// plan and write the report; refuse if the report is not the reviewed one (<c>--expect-report-hash</c>); refuse on any
/// data loss, table rebuild or missing down step not explicitly allowed; then deploy with DacFx. The deploy scripts
/// record the deployment, run the data migrations and validate the data; a failure is recorded as failed.
/// </summary>
public sealed class DacpacPublisher(IConsoleOutput console)
{
    public async Task<ExitCode> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var dacpac = DacpacFile.Open(request.DacpacPath);
        var deploymentId = Guid.NewGuid();
        var release = ResolveReleaseVersion(request, dacpac);
        var verb = request.Direction == DeploymentDirection.Rollback ? "Rollback" : "Deployment";
        console.WriteLine($"{verb} of {dacpac.Name} release {release} (model {dacpac.ModelChecksum[..12]}) to [{request.Target.DatabaseName}] on {request.Target.ServerName} with profile {request.Profile.Name}.");

        var initial = await TargetStateReader.ReadAsync(request.Target, cancellationToken).ConfigureAwait(false);
        await using var deploymentLock = await DeploymentLock.AcquireAsync(request.Target, initial.DatabaseExists, cancellationToken).ConfigureAwait(false);
        console.WriteLine($"Deployment lock '{DeploymentLock.Resource}' taken in [{deploymentLock.Database}].");
        var state = await TargetStateReader.ReadAsync(request.Target, cancellationToken).ConfigureAwait(false);
        var services = DacProgress.Attach(new DacServices(request.Target.ServerConnectionString));

        CheckDrift(request, services, state);

        var variables = new SqlCmdVariables()
            .Set(dacpac.DeclaredVariables, "declared")
            .Set(request.Profile.SqlCmdVariables, "profile")
            .Set(request.VariableOverrides, "command line");
        var planRequest = new PlanRequest(request.Profile.DeployOptions, variables.Values, request.Allowances, request.Direction) { ProfileName = request.Profile.Name };
        var plan = DeploymentPlanner.Plan(dacpac, services, request.Target.DatabaseName, state, planRequest);
        if (state.DatabaseExists)
        {
            var sizes = await TargetStateReader.ReadSizesAsync(request.Target, DeploymentPlanner.AffectedExistingTables(plan.DacFxReportXml), cancellationToken).ConfigureAwait(false);
            plan = DeploymentPlanner.Plan(dacpac, services, request.Target.DatabaseName, state, planRequest, sizes);
        }

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

        var options = DeployOptionsCopier.Copy(request.Profile.DeployOptions);
        if (report.DataLoss.Count > 0)
        {
            // Every alert was allowed by name above; DacFx's switch is global, so it is lifted for this deployment only.
            options.BlockOnPossibleDataLoss = false;
        }

        options.SqlCommandVariableValues.Clear();
        variables
            .Set(SqlCmdVariables.Names.ReleaseVersion, release, "tool")
            .Set(SqlCmdVariables.Names.DacpacChecksum, dacpac.ModelChecksum, "tool")
            .Set(SqlCmdVariables.Names.DeploymentId, deploymentId.ToString(), "tool")
            .Set(SqlCmdVariables.Names.DeploymentDirection, request.Direction.ToString(), "tool")
            .Set(SqlCmdVariables.Names.ToolVersion, ToolInfo.Description, "tool")
            .Set(SqlCmdVariables.Names.ReportHash, report.Hash, "tool")
            .Set(SqlCmdVariables.Names.DeploymentLockHeld, "True", "tool")
            .Set(SqlCmdVariables.Names.ExpectedCurrentVersion, request.Force ? string.Empty : state.RecordedVersion ?? string.Empty, "tool");
        variables.EnsureDeclaredHaveValues(dacpac.DeclaredVariables.Keys, dacpac.Path);
        foreach (var (name, value) in variables.Values)
        {
            options.SqlCommandVariableValues[name] = value;
        }

        var startedAt = DateTime.UtcNow;
        try
        {
            await Task.Run(() => services.Deploy(dacpac.Package, request.Target.DatabaseName, upgradeExisting: true, options, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (DacServicesException ex)
        {
            return await FailAsync(request, dacpac, deploymentId, release, report, startedAt, ex, cancellationToken).ConfigureAwait(false);
        }

        if (request.RepositoryRoot is not null)
        {
            ArtifactStore.CacheDeployed(dacpac.Path, dacpac.ModelChecksum, request.RepositoryRoot);
        }

        var duration = DateTime.UtcNow - startedAt;
        console.WriteLine($"{verb} succeeded in {duration.TotalSeconds:0.0}s: [{request.Target.DatabaseName}] is at release {release}; recorded in [Deploy].[SchemaHistory] (deployment {deploymentId}); data validation passed.");
        return ExitCode.Success;
    }

    private static string ResolveReleaseVersion(PublishRequest request, DacpacFile dacpac)
    {
        if (!string.IsNullOrWhiteSpace(request.ReleaseVersion))
        {
            return request.ReleaseVersion;
        }

        return request.Profile.SqlCmdVariables.TryGetValue(SqlCmdVariables.Names.ReleaseVersion, out var fromProfile)
            && !string.IsNullOrWhiteSpace(fromProfile) && !fromProfile.Contains("$(", StringComparison.Ordinal)
            ? fromProfile
            : dacpac.Version.ToString(3);
    }

    private void CheckDrift(PublishRequest request, DacServices services, LiveTargetState state)
    {
        if (state.RecordedChecksum is null)
        {
            console.WriteLine(state.DatabaseExists ? "Drift check: the database records no deployment; nothing to compare." : "Drift check: new database.");
            return;
        }

        if (request.Force)
        {
            console.WriteError($"Drift check SKIPPED (--force): the database's schema is not compared with release {state.RecordedVersion}.");
            return;
        }

        var recordedPath = request.Artifacts.FindByChecksum(state.RecordedChecksum)
            ?? throw new DeployToolException(
                ExitCode.DriftDetected,
                $"Cannot check drift: the dacpac of the recorded release {state.RecordedVersion} (model {state.RecordedChecksum}) is in none of: {string.Join(", ", request.Artifacts.Directories)}. Pass --artifacts <folder with the release's dacpac>, or --force to deploy without the check. Nothing was changed.");
        using var recorded = DacpacFile.Open(recordedPath);
        var differences = DriftDetector.Detect(services, request.Target.DatabaseName, recorded);
        if (differences.Count > 0)
        {
            throw new DeployToolException(
                ExitCode.DriftDetected,
                $"Refused: database [{request.Target.DatabaseName}] has drifted from release {state.RecordedVersion} it records ({differences.Count} difference(s)):{Environment.NewLine}"
                + string.Join(Environment.NewLine, differences.Select(d => "  - " + d))
                + $"{Environment.NewLine}Bring the change into the project or undo it; --force deploys over it. Nothing was changed.");
        }

        console.WriteLine($"Drift check: the database matches release {state.RecordedVersion}.");
    }

    private async Task<ExitCode> FailAsync(PublishRequest request, DacpacFile dacpac, Guid deploymentId, string release, DeploymentReport report, DateTime startedAt, DacServicesException ex, CancellationToken cancellationToken)
    {
        var message = DacErrors.Describe(ex);
        var sql = FindSqlException(ex);
        var failure = new DeploymentRecorder.Failure(deploymentId, release, dacpac.ModelChecksum, request.Direction.ToString(), ToolInfo.Description, report.Hash, startedAt, message);
        var recorded = await DeploymentRecorder.RecordFailureAsync(request.Target, failure, CancellationToken.None).ConfigureAwait(false);
        console.WriteError($"{request.Direction} FAILED: {message}");
        console.WriteError(recorded ? $"Recorded as failed in [Deploy].[SchemaHistory] (deployment {deploymentId})." : "Not recorded: the database has no [Deploy].[SchemaHistory] yet.");
        if (sql?.Number == SqlErrorNumbers.ValidationFailed)
        {
            try
            {
                foreach (var violation in await DataValidator.RunAsync(request.Target, cancellationToken).ConfigureAwait(false))
                {
                    console.WriteError("  - " + violation);
                }
            }
            catch (DeployToolException)
            {
                // The list is already in the error message; the validator is only a nicer rendering.
            }

            return ExitCode.ValidationFailed;
        }

        if (sql?.Number == SqlErrorNumbers.LockHeld)
        {
            return ExitCode.LockHeld;
        }

        return sql?.Number == SqlErrorNumbers.VersionMismatch ? ExitCode.DriftDetected : ExitCode.DeploymentFailed;
    }

    private static SqlException? FindSqlException(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is SqlException sql)
            {
                return sql;
            }
        }

        return null;
    }
}
