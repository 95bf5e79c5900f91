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
/// classes, prints what the user needs, and maps every failure to an <see cref="ExitCode"/>.
/// </summary>
public sealed class VerbHandlers(IConsoleOutput console)
{
    public const string DefaultDacpacRelativePath = "Foundation.Database/bin/Debug/Foundation.Database.dacpac";
    public const string ProfilesRelativePath = "Foundation.Database/Profiles";
    public const string AllowancesFileName = "DeploymentAllowances.json";

    private readonly string? _root = RepositoryRoot.Find(Directory.GetCurrentDirectory());

    public Task<int> PlanAsync(PlanOptions options, CancellationToken cancellationToken) => Guard(async () =>
    {
        ArgumentNullException.ThrowIfNull(options);
        var sourcePath = ResolveDacpac(options.Source);
        var allowances = ResolveAllowances(options.Allowances, options.AllowDataLoss, options.AllowRebuild);
        var direction = options.Rollback ? DeploymentDirection.Rollback : DeploymentDirection.Deploy;
        using var source = DacpacFile.Open(sourcePath);
        DeploymentPlan plan;
        if (options.Live)
        {
            var profile = ReadProfile(options.Profile);
            var target = DeploymentTarget.Resolve(options.Connection, options.Database, profile.TargetConnectionString, profile.TargetDatabaseName);
            // The same variables and the same single compare as publish makes, so the report hash matches it.
            var state = await TargetStateReader.ReadAsync(target, cancellationToken).ConfigureAwait(false);
            var release = DeploymentVariables.ReleaseVersion(null, profile, source);
            var variables = DeploymentVariables.For(source, profile, SqlCmdVariables.ParseAssignments(options.Variables), release, direction, state.RecordedVersion, Guid.Empty);
            var request = new PlanRequest(profile.DeployOptions, variables.Values, allowances, direction);
            plan = await DacpacPublisher.PlanAsync(source, new DacServices(target.ServerConnectionString), target, state, request, null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var targetPath = ResolveOfflineTarget(options);
            using var target = DacpacFile.Open(targetPath);
            var options2 = options.Profile == "Local" && !File.Exists(ProfilePath("Local")) ? PlanRequest.Default(direction).Options : ReadProfile(options.Profile).DeployOptions;
            var variables = SqlCmdVariables.ParseAssignments(options.Variables);
            plan = options.Rollback
                ? DeploymentPlanner.Plan(target, source, new PlanRequest(options2, variables, allowances, direction))
                : DeploymentPlanner.Plan(source, target, new PlanRequest(options2, variables, allowances, direction));
        }

        var written = ReportFiles.Write(plan, options.Out);
        console.WriteLine(MarkdownReportWriter.Write(plan.Report, written is null ? null : Path.Combine(options.Out!, ReportFiles.ScriptFile)));
        if (written is not null)
        {
            console.WriteLine($"Written: {written}, {Path.Combine(options.Out!, ReportFiles.JsonFile)}, {Path.Combine(options.Out!, ReportFiles.ScriptFile)}");
        }

        return plan.Report.RequiresReview ? ExitCode.ReviewRequired : ExitCode.Success;
    });

    public Task<int> PublishAsync(PublishOptions options, CancellationToken cancellationToken) => Guard(() =>
        new DacpacPublisher(console).PublishAsync(BuildRequest(options, DeploymentDirection.Deploy, ResolveDacpac(options.Dacpac)), cancellationToken));

    public Task<int> RollbackAsync(PublishOptions options, CancellationToken cancellationToken) => Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.Dacpac is null ? string.Empty : ResolveDacpac(options.Dacpac);
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
            console.WriteLine($"| {e.Id} | {e.ReleaseVersion} | {e.Direction} | {e.PreviousVersion ?? "-"} | {e.Outcome} | {e.StartedAt:yyyy-MM-dd HH:mm:ss} | {duration} | {e.DeployedBy} | {e.HostName ?? "-"} | {Short(e.DacpacChecksum)} | {Short(e.ReportHash)} |");
            if (e.ErrorMessage is not null)
            {
                console.WriteLine($"|   | error: {e.ErrorMessage.ReplaceLineEndings(" ")} |");
            }
        }

        return ExitCode.Success;
    });

    public Task<int> VerifyAsync(InspectOptions options, CancellationToken cancellationToken) => Guard(async () =>
    {
        var target = ResolveTarget(options);
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
            path = ResolveDacpac(options.Dacpac);
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

        using var dacpac = DacpacFile.Open(path);
        var differences = DriftDetector.Detect(new DacServices(target.ServerConnectionString), target.DatabaseName, dacpac);
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
        var target = BaselineStore.Create(
            ResolveDacpac(options.Dacpac),
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

    private PublishRequest BuildRequest(PublishOptions options, DeploymentDirection direction, string dacpacPath)
    {
        var profile = ReadProfile(options.Profile);
        var allowances = ResolveAllowances(options.Allowances, options.AllowDataLoss, options.AllowRebuild);
        var variables = SqlCmdVariables.ParseAssignments(options.Variables);
        var target = DeploymentTarget.Resolve(options.Connection, options.Database, profile.TargetConnectionString, profile.TargetDatabaseName);
        var outDirectory = options.Out ?? (_root is null ? null
            : Path.Combine(_root, "artifacts", "deployments", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{target.DatabaseName}-{direction.ToString().ToLowerInvariant()}"));
        return new PublishRequest(
            dacpacPath, profile, target, direction, options.ReleaseVersion, variables, allowances, options.Force,
            ArtifactStore.Create(options.Artifacts, _root), outDirectory, options.ExpectReportHash, _root);
    }

    private DeploymentTarget ResolveTarget(TargetOptions options)
    {
        var profile = ReadProfile(options.Profile);
        return DeploymentTarget.Resolve(options.Connection, options.Database, profile.TargetConnectionString, profile.TargetDatabaseName);
    }

    private PublishProfile ReadProfile(string nameOrPath) => PublishProfileReader.Read(PublishProfileReader.Resolve(nameOrPath, ProfilesDirectory));

    private string ProfilesDirectory => _root is null ? Directory.GetCurrentDirectory() : Path.Combine(_root, ProfilesRelativePath);

    private string ProfilePath(string name) => Path.Combine(ProfilesDirectory, name + ".publish.xml");

    private string ResolveDacpac(string? path)
    {
        if (path is not null)
        {
            return Path.GetFullPath(path);
        }

        return _root is not null
            ? Path.Combine(_root, DefaultDacpacRelativePath)
            : throw DeployToolException.InvalidInput("No dacpac given (--source/--dacpac) and no repository found to take the built one from.");
    }

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
        return found ?? throw DeployToolException.InvalidInput(
            $"No baseline '{baseline}' in '{baselines}' (and no such file). Create one with the 'baseline --version <x.y.z>' verb, or pass --target-dacpac or --live.");
    }

    private DeploymentAllowances ResolveAllowances(string? file, IReadOnlyList<string> dataLoss, IReadOnlyList<string> rebuilds)
    {
        var allowances = new DeploymentAllowances();
        var path = file ?? (_root is null ? null : Path.Combine(_root, ProfilesRelativePath, AllowancesFileName));
        if (path is not null && (file is not null || File.Exists(path)))
        {
            allowances.AddFile(path);
        }

        foreach (var item in dataLoss)
        {
            allowances.AllowDataLoss(item, "command line (--allow-data-loss)");
        }

        foreach (var item in rebuilds)
        {
            allowances.AllowRebuild(item, "command line (--allow-rebuild)");
        }

        return allowances;
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
        catch (SqlException ex)
        {
            console.WriteError($"SQL Server error {ex.Number}: {ex.Message}");
            return (int)ExitCode.Failure;
        }
        catch (DacServicesException ex)
        {
            console.WriteError(DacErrors.Describe(ex));
            return (int)ExitCode.Failure;
        }
    }
}
