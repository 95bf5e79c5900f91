using System.Diagnostics;
using Foundation.Deploy.Connections;
using Foundation.Deploy.Dacpacs;
using Foundation.Deploy.Migrations;
using Foundation.Deploy.Planning;
using Foundation.Deploy.Profiles;
using Foundation.Deploy.Publishing;
using Foundation.Deploy.Reporting;
using Microsoft.Data.SqlClient;
using Microsoft.SqlServer.Dac;

namespace Foundation.Deploy.Cli;

/// <summary>
/// One handler per verb: resolves files and options (failing on bad input before touching any server), calls the role
/// classes, prints what the user needs, and maps every failure to an <see cref="ExitCode"/>: no input ends in an
/// unhandled exception or a stack trace.
/// </summary>
public sealed class VerbHandlers(IConsoleOutput console)
{
    public const string DefaultDacpacRelativePath = InputResolver.DefaultDacpacRelativePath;
    public const string ProfilesRelativePath = InputResolver.ProfilesRelativePath;
    public const string AllowancesFileName = InputResolver.AllowancesFileName;

    /// <summary>Set to 1 to print the stack trace of an unexpected error (a bug).</summary>
    public const string TraceEnvironmentVariable = "FOUNDATION_DEPLOY_TRACE";

    private readonly string? _root = RepositoryRoot.Find(Directory.GetCurrentDirectory());

    private InputResolver Inputs => new(_root);

    public Task<int> PlanAsync(PlanOptions options, CancellationToken cancellationToken) => Guard(async () =>
    {
        ArgumentNullException.ThrowIfNull(options);
        var direction = options.Rollback ? DeploymentDirection.Rollback : DeploymentDirection.Deploy;
        var allowances = Inputs.Allowances(options.Allowances, options.AllowDataLoss, options.AllowRebuild);
        var commandLineVariables = SqlCmdVariables.ParseAssignments(options.Variables);
        var sourcePath = Inputs.DacpacPath(options.Source, "--source");
        DeploymentPlan plan;
        if (options.Live)
        {
            var profile = Inputs.Profile(options.Profile);
            var target = InputResolver.Target(options, profile);
            using var source = InputResolver.OpenDacpac(sourcePath, "--source", options.AllowOtherDatabase, loadModel: false);
            InputResolver.CheckVariables(source, profile, commandLineVariables, direction, requireAll: false);
            InputResolver.LoadModel(source);
            // The same variables and the same single compare as publish makes, so the report hash matches it.
            var state = await TargetStateReader.ReadAsync(target, cancellationToken).ConfigureAwait(false);
            var release = DeploymentVariables.ReleaseVersion(null, profile, source);
            var variables = DeploymentVariables.For(source, profile, commandLineVariables, release, direction, state.RecordedVersion, Guid.Empty);
            var request = new PlanRequest(profile.DeployOptions, variables.Values, allowances, direction) { ProfileName = profile.Name };
            var services = DacProgress.Attach(new DacServices(target.ServerConnectionString));
            ToolProgress.Report($"Planning {Path.GetFileName(source.Path)} against [{target.DatabaseName}] on '{target.ServerName}' with DacFx...");
            plan = await DacpacPublisher.PlanAsync(source, services, target, state, request, null, cancellationToken).ConfigureAwait(false);
            plan.Report.ChangedTables = ChangedTables.Diagram(plan.Report, source.LoadModel());
        }
        else
        {
            var profile = Inputs.ProfileOrDefaults(options.Profile);
            var targetPath = ResolveOfflineTarget(options);
            var targetOption = options.TargetDacpac is null ? "--baseline" : "--target-dacpac";
            using var source = InputResolver.OpenDacpac(sourcePath, "--source", options.AllowOtherDatabase, loadModel: false);
            using var target = InputResolver.OpenDacpac(targetPath, targetOption, options.AllowOtherDatabase, loadModel: false);

            // A rollback plan deploys the baseline/target dacpac onto the source: that is the one the variables are for,
            // and the one whose model is validated (the other one's is read by DacFx's compare).
            var (deployed, onto) = options.Rollback ? (target, source) : (source, target);
            InputResolver.CheckVariables(deployed, profile, commandLineVariables, direction, requireAll: false);
            InputResolver.LoadModel(deployed);
            var request = new PlanRequest(profile?.DeployOptions ?? PlanRequest.Default(direction).Options, commandLineVariables, allowances, direction) { ProfileName = profile?.Name };
            ToolProgress.Report($"Comparing release {deployed.ReleaseVersion} ({Path.GetFileName(deployed.Path)}) with release {onto.ReleaseVersion} ({onto.Path}) with DacFx...");
            var clock = Stopwatch.StartNew();
            plan = DeploymentPlanner.Plan(deployed, onto, request);
            ToolProgress.Report($"Compared in {clock.Elapsed.TotalSeconds:0.0} s: {plan.Report.Operations.Count} operation(s).");
            plan.Report.ChangedTables = ChangedTables.Diagram(plan.Report, deployed.LoadModel());
        }

        // The report is printed before any file is written, so a folder that cannot be written loses nothing.
        var outDirectory = options.Out is null ? null : Path.GetFullPath(options.Out);
        console.WriteLine(MarkdownReportWriter.Write(plan.Report, outDirectory is null ? null : Path.Combine(outDirectory, ReportFiles.ScriptFile)));
        if (outDirectory is not null)
        {
            var written = ReportFiles.Write(plan, outDirectory);
            ToolProgress.Report($"Written: {written}, {Path.Combine(outDirectory, ReportFiles.JsonFile)}, {Path.Combine(outDirectory, ReportFiles.ScriptFile)}");
        }

        return plan.Report.RequiresReview ? ExitCode.ReviewRequired : ExitCode.Success;
    });

    public Task<int> PublishAsync(PublishOptions options, CancellationToken cancellationToken) => Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(options);
        var request = BuildRequest(options, DeploymentDirection.Deploy, Inputs.DacpacPath(options.Dacpac, "--dacpac"));
        return new DacpacPublisher(console).PublishAsync(request, cancellationToken);
    });

    public Task<int> RollbackAsync(PublishOptions options, CancellationToken cancellationToken) => Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.Dacpac is null ? string.Empty : Inputs.DacpacPath(options.Dacpac, "--dacpac");
        var request = BuildRequest(options, DeploymentDirection.Rollback, path);
        if (options.Dacpac is not null && options.ReleaseVersion is null && BaselineStore.ReadVersion(path) is { } version)
        {
            request = request with { ReleaseVersion = version };
        }

        return new RollbackRunner(console).RollbackAsync(request, options.ToVersion, cancellationToken);
    });

    public Task<int> HistoryAsync(InspectOptions options, CancellationToken cancellationToken) => Guard(async () =>
    {
        var target = ResolveTarget(options);
        var entries = await HistoryReader.ReadAsync(target, options.Top, cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            console.WriteLine($"[{target.DatabaseName}] records no deployments.");
            return ExitCode.Success;
        }

        console.WriteLine("| # | Release | Direction | Previous | Outcome | Started (UTC) | Duration | By | Host | Model | Report |");
        console.WriteLine("|---|---|---|---|---|---|---:|---|---|---|---|");
        foreach (var e in entries)
        {
            var duration = e.DurationMs is null ? "-" : $"{e.DurationMs / 1000.0:0.0}s";
            console.WriteLine($"| {e.Id} | {MarkdownText.Inline(e.ReleaseVersion)} | {e.Direction} | {MarkdownText.Inline(e.PreviousVersion ?? "-")} | {e.Outcome} | {e.StartedAt:yyyy-MM-dd HH:mm:ss} | {duration} | {MarkdownText.Inline(e.DeployedBy)} | {MarkdownText.Inline(e.HostName ?? "-")} | {Short(e.DacpacChecksum)} | {Short(e.ReportHash)} |");
            if (e.ErrorMessage is not null)
            {
                console.WriteLine($"|   | error: {MarkdownText.Inline(e.ErrorMessage)} |");
            }
        }

        return ExitCode.Success;
    });

    public Task<int> VerifyAsync(InspectOptions options, CancellationToken cancellationToken) => Guard(async () =>
    {
        var target = ResolveTarget(options);
        ToolProgress.Report($"Running [Deploy].[usp_ValidateData] in [{target.DatabaseName}]...");
        var violations = await DataValidator.RunAsync(target, cancellationToken).ConfigureAwait(false);
        if (violations.Count == 0)
        {
            console.WriteLine($"Data validation of [{target.DatabaseName}]: no violations.");
            return ExitCode.Success;
        }

        console.WriteError($"Data validation of [{target.DatabaseName}]: {violations.Count} violation(s):");
        foreach (var violation in violations)
        {
            console.WriteError("  - " + violation);
        }

        return ExitCode.ValidationFailed;
    });

    public Task<int> DriftAsync(InspectOptions options, CancellationToken cancellationToken) => Guard(async () =>
    {
        var target = ResolveTarget(options);
        string path;
        string described;
        if (options.Dacpac is not null)
        {
            path = Path.GetFullPath(options.Dacpac);
            described = path;
        }
        else
        {
            var state = await TargetStateReader.ReadAsync(target, cancellationToken).ConfigureAwait(false);
            if (state.RecordedChecksum is null)
            {
                throw DeployToolException.InvalidInput($"[{target.DatabaseName}] records no deployment: pass --dacpac to compare it with one.");
            }

            path = ArtifactStore.Create(options.Artifacts, _root).FindByChecksum(state.RecordedChecksum)
                ?? throw DeployToolException.InvalidInput($"The dacpac of recorded release {state.RecordedVersion} (model {state.RecordedChecksum}) was not found: pass --artifacts or --dacpac.");
            described = $"release {state.RecordedVersion} ({path})";
        }

        using var dacpac = InputResolver.OpenDacpac(path, "--dacpac", options.AllowOtherDatabase, loadModel: true);
        ToolProgress.Report($"Comparing [{target.DatabaseName}] on '{target.ServerName}' with {described} (DacFx)...");
        var differences = DriftDetector.Detect(DacProgress.Attach(new DacServices(target.ServerConnectionString)), target.DatabaseName, dacpac);
        if (differences.Count == 0)
        {
            console.WriteLine($"No drift: [{target.DatabaseName}] matches {described}.");
            return ExitCode.Success;
        }

        console.WriteError($"Drift: [{target.DatabaseName}] differs from {described} in {differences.Count} object(s):");
        foreach (var difference in differences)
        {
            console.WriteError("  - " + difference);
        }

        return ExitCode.DriftDetected;
    });

    public Task<int> Baseline(BaselineOptions options) => Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = _root ?? throw DeployToolException.InvalidInput("The baseline verb runs inside the repository (no Foundation.sln above the current folder).");
        ToolProgress.Report($"Keeping the built dacpac as release {options.Version}...");
        var target = BaselineStore.Create(
            Inputs.DacpacPath(options.Dacpac, "--dacpac"),
            options.Version,
            Path.Combine(root, ArtifactStore.BaselinesRelativePath),
            Path.Combine(root, "Foundation.Database", "Migrations"),
            options.Force);
        console.WriteLine($"Baseline {options.Version}: {target}; released migrations locked in Foundation.Database/Migrations/migrations.lock.json.");
        return Task.FromResult(ExitCode.Success);
    });

    public Task<int> Migrations(MigrationsOptions options) => Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(options.Directory))
        {
            throw DeployToolException.InvalidInput($"The migrations folder '{options.Directory}' does not exist.");
        }

        var graph = MigrationGraph.Load(options.Directory, options.LockFile ?? Path.Combine(options.Directory, "migrations.lock.json"));
        if (!graph.IsValid)
        {
            foreach (var error in graph.Errors)
            {
                console.WriteError(error.ToString());
            }

            return Task.FromResult(ExitCode.InvalidInput);
        }

        if (options.Out is not null)
        {
            MigrationScriptGenerator.Write(graph.Order, options.Out);
        }

        console.WriteLine($"Data migrations: {graph.Order.Count} valid, in order: {(graph.Order.Count == 0 ? "(none)" : string.Join(" -> ", graph.Order.Select(m => m.Id)))}.");
        return Task.FromResult(ExitCode.Success);
    });

    /// <summary><c>schema</c>: docs/schema.md (or stdout) from the model of the built dacpac.</summary>
    public Task<int> Schema(SchemaOptions options) => Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(options);
        using var dacpac = InputResolver.OpenDacpac(Inputs.DacpacPath(options.Dacpac, "--dacpac"), "--dacpac", allowOtherDatabase: true, loadModel: true);
        var document = SchemaDocument.Write(SchemaGraphReader.Read(dacpac.LoadModel()));
        if (options.Out is null)
        {
            console.WriteLine(document);
        }
        else
        {
            var path = Path.GetFullPath(options.Out);
            ReportFiles.Create(Path.GetDirectoryName(path)!);
            ReportFiles.Save(path, document);
            console.WriteLine($"Written: {path}");
        }

        return Task.FromResult(ExitCode.Success);
    });

    private PublishRequest BuildRequest(PublishOptions options, DeploymentDirection direction, string dacpacPath)
    {
        var profile = Inputs.Profile(options.Profile);
        var allowances = Inputs.Allowances(options.Allowances, options.AllowDataLoss, options.AllowRebuild);
        var variables = SqlCmdVariables.ParseAssignments(options.Variables);
        var target = InputResolver.Target(options, profile);
        if (dacpacPath.Length > 0)
        {
            // Checked here, offline, before the publisher connects: a damaged model, another database, unknown or unset variables.
            using var dacpac = InputResolver.OpenDacpac(dacpacPath, "--dacpac", options.AllowOtherDatabase, loadModel: false);
            InputResolver.CheckVariables(dacpac, profile, variables, direction, requireAll: true);
            InputResolver.LoadModel(dacpac);
        }

        var outDirectory = options.Out is not null ? Path.GetFullPath(options.Out) : _root is null ? null
            : Path.Combine(_root, "artifacts", "deployments", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{target.DatabaseName}-{direction.ToString().ToLowerInvariant()}");
        return new PublishRequest(
            dacpacPath, profile, target, direction, options.ReleaseVersion, variables, allowances, options.Force,
            ArtifactStore.Create(options.Artifacts, _root), outDirectory, options.ExpectReportHash, _root);
    }

    private DeploymentTarget ResolveTarget(TargetOptions options) => InputResolver.Target(options, Inputs.Profile(options.Profile));

    private string ResolveOfflineTarget(PlanOptions options)
    {
        if (options.TargetDacpac is not null)
        {
            return Path.GetFullPath(options.TargetDacpac);
        }

        var baseline = options.Baseline ?? "latest";
        if (File.Exists(baseline))
        {
            return Path.GetFullPath(baseline);
        }

        var baselines = _root is null ? Path.Combine(Directory.GetCurrentDirectory(), "Baselines") : Path.Combine(_root, ArtifactStore.BaselinesRelativePath);
        var found = baseline == "latest" ? ArtifactStore.LatestBaseline(baselines) : new ArtifactStore([baselines]).FindByVersion(baseline);
        if (found is not null)
        {
            return found;
        }

        var known = Directory.Exists(baselines) ? Directory.EnumerateDirectories(baselines).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList() : [];
        throw DeployToolException.InvalidInput(
            $"--baseline: no baseline '{baseline}' in '{baselines}' (known: {(known.Count == 0 ? "none" : string.Join(", ", known))}). Create one with 'baseline --version <x.y.z>', or pass --target-dacpac or --live.");
    }

    private static string Short(string? hash) => hash is null ? "-" : hash[..Math.Min(12, hash.Length)];

    private async Task<int> Guard(Func<Task<ExitCode>> action)
    {
        try
        {
            return (int)await action().ConfigureAwait(false);
        }
        catch (DeployToolException ex)
        {
            console.WriteError(ex.Message);
            return (int)ex.ExitCode;
        }
        catch (Exception ex) when (SqlConnector.FindSqlException(ex) is { } sql && ex is SqlException or AggregateException)
        {
            console.WriteError($"SQL Server error {sql.Number}: {sql.Message}");
            return (int)ExitCode.Failure;
        }
        catch (DacServicesException ex)
        {
            console.WriteError(DacErrors.Describe(ex));
            return (int)ExitCode.Failure;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or DirectoryNotFoundException or PathTooLongException or FileNotFoundException)
        {
            console.WriteError($"File system error: {ex.Message}");
            return (int)ExitCode.InvalidInput;
        }
        catch (IOException ex)
        {
            console.WriteError($"File system error: {ex.Message}");
            return (int)ExitCode.Failure;
        }
        catch (OperationCanceledException)
        {
            console.WriteError("Cancelled.");
            return (int)ExitCode.Failure;
        }
        catch (Exception ex)
        {
            Unexpected(ex);
            return (int)ExitCode.Failure;
        }
    }

    /// <summary>A bug: one line saying so (the type and message), and the stack trace only when asked for.</summary>
    public void Unexpected(Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        console.WriteError($"Unexpected error ({ex.GetType().Name}): {ex.Message} This is a bug in Foundation.Deploy; set {TraceEnvironmentVariable}=1 to print its stack trace.");
        if (Environment.GetEnvironmentVariable(TraceEnvironmentVariable) == "1")
        {
            console.WriteError(ex.ToString());
        }
    }
}
