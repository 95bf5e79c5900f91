using System.Security.Cryptography;
using System.Text;
using Foundation.Deploy.Dacpacs;
using Foundation.Deploy.Migrations;
using Foundation.Deploy.Reporting;
using Microsoft.SqlServer.Dac;

namespace Foundation.Deploy.Planning;

/// <summary>
/// Computes a deployment plan with one DacFx compare (<c>DacServices.Script</c>, script and report together) and turns
/// it into a <see cref="DeploymentReport"/> and the script that will run (<see cref="DeploymentScriptComposer"/>).
/// <list type="bullet">
/// <item><see cref="PlanFiles"/>: the simplest call, two dacpac paths, default options (offline; no server).</item>
/// <item><see cref="Plan(DacpacFile, DacpacFile, PlanRequest)"/>: dacpac vs. dacpac with a profile's options.</item>
/// <item><see cref="CompareLive"/> then <c>Build</c>: dacpac vs. a live database, with sizes read in between.</item>
/// </list>
/// Gates it adds to DacFx's: every data loss and table rebuild must be allowed by name (an RLS table's rebuild is a
/// rebuild like any other); a rollback may lose what the release it returns to never had; every migration to undo must
/// have a down step and not be irreversible; and an up migration may not read a column or table the same deployment
/// drops (it runs after the schema change: expand first, contract in a later release).
/// </summary>
public static class DeploymentPlanner
{
    /// <summary>What one compare returns: DacFx's deploy script and its XML report.</summary>
    public sealed record Comparison(string Script, string ReportXml);

    /// <summary>Plans deploying <paramref name="sourceDacpacPath"/> over <paramref name="targetDacpacPath"/>, offline, with default options.</summary>
    public static DeploymentPlan PlanFiles(string sourceDacpacPath, string targetDacpacPath)
    {
        using var source = DacpacFile.Open(sourceDacpacPath);
        using var target = DacpacFile.Open(targetDacpacPath);
        return Plan(source, target, PlanRequest.Default());
    }

    public static DeploymentPlan Plan(DacpacFile source, DacpacFile target, PlanRequest request) =>
        Build(source, target, Compare(source, target, request), request);

    /// <summary>The one compare of an offline plan: <paramref name="source"/> deployed over <paramref name="target"/>.</summary>
    public static Comparison Compare(DacpacFile source, DacpacFile target, PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var result = DacServices.Script(source.Package, target.Package, "Foundation", PublishOptions(request.OptionsFor(source.DeclaredVariables)));
            return new Comparison(result.DatabaseScript, result.DeploymentReport);
        }
        catch (DacServicesException ex)
        {
            throw new DeployToolException(ExitCode.InvalidInput, $"DacFx could not compare '{source.Path}' with '{target.Path}': {DacErrors.Describe(ex)}", ex);
        }
    }

    /// <summary>Turns an offline compare into the plan: the target dacpac's migrations count as applied.</summary>
    public static DeploymentPlan Build(DacpacFile source, DacpacFile target, Comparison comparison, PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(target);
        var applied = target.Migrations
            .Select(m => new LiveTargetState.JournalEntry(m.Id, m.Checksum, m.Order, m.HasDown, m.Description))
            .ToList();
        var targetDescription = new DeploymentReport.TargetDescription(
            DeploymentReport.TargetDescription.DacpacKind, target.Path, target.ReleaseVersion, target.ModelChecksum);
        return Build(source, targetDescription, comparison, applied, [], request, Reasons(target.Migrations));
    }

    /// <summary>The one compare of a deployment against a live database (the script and the report of the same plan).</summary>
    public static Comparison CompareLive(DacpacFile source, DacServices services, string databaseName, PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var result = services.Script(source.Package, databaseName, PublishOptions(request.OptionsFor(source.DeclaredVariables)));
            return new Comparison(result.DatabaseScript, result.DeploymentReport);
        }
        catch (DacServicesException ex)
        {
            throw new DeployToolException(ExitCode.DeploymentFailed, $"DacFx could not plan the deployment to database '{databaseName}': {DacErrors.Describe(ex)}", ex);
        }
    }

    /// <summary>The one compare of a first deployment: the source against an empty database's model (<see cref="EmptyDatabase"/>).</summary>
    public static Comparison CompareWithEmpty(DacpacFile source, string databaseName, PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var result = DacServices.Script(source.Package, EmptyDatabase.Package, databaseName, PublishOptions(request.OptionsFor(source.DeclaredVariables)));
            return new Comparison(result.DatabaseScript, result.DeploymentReport);
        }
        catch (DacServicesException ex)
        {
            throw new DeployToolException(ExitCode.InvalidInput, $"DacFx could not plan a first deployment of '{source.Path}': {DacErrors.Describe(ex)}", ex);
        }
    }

    /// <summary>Plans against a live database: one compare, then the report (with the table sizes, when given).</summary>
    public static DeploymentPlan Plan(DacpacFile source, DacServices services, string databaseName, LiveTargetState state, PlanRequest request, IReadOnlyList<TableSize>? sizes = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Build(source, DescribeLive(databaseName, state), CompareLive(source, services, databaseName, request), state.AppliedMigrations, sizes ?? [], request);
    }

    /// <summary>How a live target is described in the report.</summary>
    public static DeploymentReport.TargetDescription DescribeLive(string databaseName, LiveTargetState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new DeploymentReport.TargetDescription(
            DeploymentReport.TargetDescription.DatabaseKind,
            state.DatabaseExists ? $"database [{databaseName}]" : $"database [{databaseName}] (does not exist yet: it will be created)",
            state.RecordedVersion,
            state.RecordedChecksum);
    }

    /// <summary>The tables a plan touches that already exist (their sizes are worth showing).</summary>
    public static IReadOnlyList<string> AffectedExistingTables(string dacFxReportXml)
    {
        var (items, _) = DeployReportParser.Parse(dacFxReportXml);
        var created = items.Where(i => i.Operation == "Create" && i.Type == "SqlTable").Select(i => i.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return items
            .Where(i => i.Type == "SqlTable" || i.Type.Contains("Index", StringComparison.Ordinal) || i.Type.Contains("Constraint", StringComparison.Ordinal))
            .Select(i => i.Type == "SqlTable" ? i.Value : ObjectNames.TableOf(i.Value))
            .Where(t => !created.Contains(t))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>Turns one compare into the plan: the report, its gates and the script that runs.</summary>
    public static DeploymentPlan Build(
        DacpacFile source,
        DeploymentReport.TargetDescription target,
        Comparison comparison,
        IReadOnlyList<LiveTargetState.JournalEntry> applied,
        IReadOnlyList<TableSize> sizes,
        PlanRequest request,
        IReadOnlyDictionary<string, string>? irreversibleReasons = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(request);
        var (items, issues) = DeployReportParser.Parse(comparison.ReportXml);
        var facts = DeployScriptAnalyzer.Analyze(comparison.Script);
        var newTables = items.Where(i => i.Operation == "Create" && i.Type == "SqlTable").Select(i => i.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var returnedTo = request.Direction == DeploymentDirection.Rollback ? ModelObjectNames.Read(source.Path) : null;

        var dataLoss = new List<DataLossAlert>();
        var other = new List<string>();
        foreach (var issue in issues)
        {
            if (issue.AlertName == "DataIssue")
            {
                var attached = items.FirstOrDefault(i => issue.Id is { } id && i.IssueIds.Contains(id))?.Value;
                var (table, column) = DeployReportParser.LocateDataIssue(issue.Value, attached);
                var alert = new DataLossAlert(issue.Id ?? dataLoss.Count + 1, table, column, issue.Value, null);
                var allowedBy = request.Allowances.DataLossAllowedBy(alert.ObjectName)
                    ?? (returnedTo is not null && !returnedTo.Contains(ObjectNames.Normalise(alert.ObjectName))
                        ? $"rollback to {source.Version.ToString(3)}: the release rolled back to never had it"
                        : null);
                dataLoss.Add(alert with { AllowedBy = allowedBy });
            }
            else if (issue.AlertName != "DataMotion")
            {
                // DataMotion duplicates the TableRebuild operation, which the report lists on its own.
                other.Add($"{issue.AlertName}: {issue.Value}");
            }
        }

        var operations = items
            .Select(i =>
            {
                var (impact, reason, online) = ImpactClassifier.Classify(i.Operation, i.Value, i.Type, facts, newTables);
                return new PlannedOperation(i.Operation, i.Value, i.Type, impact, reason, online, i.IssueIds);
            })
            .ToList();

        var rlsChanges = RlsChanges(items, facts);
        var protectedTables = rlsChanges.SelectMany(c => c.ProtectedTables).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var rebuilds = items.Where(i => i.Operation == "TableRebuild")
            .Select(i => new DeploymentReport.TableRebuild(i.Value, request.Allowances.RebuildAllowedBy(i.Value), protectedTables.Contains(i.Value)))
            .ToList();

        var notes = facts.ParseErrors.Count == 0
            ? new List<string>()
            : [$"The deployment script could not be fully analysed ({facts.ParseErrors[0]}); impact classes rely on DacFx's report alone."];

        var dropped = dataLoss.Select(a => a.ObjectName).ToList();
        var migrations = PlanMigrations(source.Migrations, applied, irreversibleReasons, UpScriptsOf(source), dropped);
        var downSteps = migrations.Any(m => m.Direction == PlannedMigration.Down)
            ? MigrationScriptGenerator.GenerateDownSteps(source.Migrations.Select(m => m.Id).ToList())
            : null;
        var composed = DeploymentScriptComposer.Compose(comparison.Script, source.PreDeploymentScript, source.PostDeploymentScript, downSteps);

        var report = new DeploymentReport
        {
            Direction = request.Direction,
            Source = new DeploymentReport.PackageDescription(source.Path, source.Name, source.ReleaseVersion, source.ModelChecksum),
            Target = target,
            ToolVersion = ToolInfo.Version,
            GeneratedAt = DateTimeOffset.UtcNow,
            Operations = operations,
            DataLoss = dataLoss,
            OtherAlerts = other,
            TableRebuilds = rebuilds,
            RlsChanges = rlsChanges,
            Migrations = migrations,
            TableSizes = sizes,
            Notes = notes,
            ScriptHash = composed.Hash,
            Profile = DeployOptionsSummary.Describe(request.ProfileName, request.Options),
            Allowances = request.Allowances.Entries,
        };
        report.Hash = ComputeHash(report);
        return new DeploymentPlan(composed.Text, comparison.ReportXml, report);
    }

    /// <summary>
    /// Up: the source's migrations not applied on the target, in the source's order; refused when one reads a column or
    /// table in <paramref name="dropped"/>. Down: applied migrations the source does not know (a rollback), newest first,
    /// which is reverse dependency order; refused when one has no down step or is irreversible.
    /// </summary>
    public static IReadOnlyList<PlannedMigration> PlanMigrations(
        IReadOnlyList<MigrationManifestEntry> source,
        IReadOnlyList<LiveTargetState.JournalEntry> applied,
        IReadOnlyDictionary<string, string>? irreversibleReasons = null,
        IReadOnlyDictionary<string, string>? upScripts = null,
        IReadOnlyList<string>? dropped = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(applied);
        var appliedIds = applied.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var sourceIds = source.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var plan = new List<PlannedMigration>();
        foreach (var down in applied.Where(a => !sourceIds.Contains(a.Id)).OrderByDescending(a => a.AppliedOrder))
        {
            var refusal = down.HasDown ? null
                : irreversibleReasons?.GetValueOrDefault(down.Id) is { } reason
                    ? $"Data migration {down.Id} must be rolled back but is irreversible: {reason}"
                    : $"Data migration {down.Id} must be rolled back but has no down step.";
            plan.Add(new PlannedMigration(plan.Count + 1, down.Id, PlannedMigration.Down, down.Description ?? string.Empty, [], down.HasDown, refusal));
        }

        foreach (var up in source.Where(s => !appliedIds.Contains(s.Id)).OrderBy(s => s.Order))
        {
            var reads = upScripts?.GetValueOrDefault(up.Id) is { } script ? MigrationReads.Of(script) : null;
            var lost = reads is null ? null : dropped?.FirstOrDefault(reads.Reads);
            var refusal = lost is null ? null
                : $"Data migration {up.Id} reads {lost}, which this deployment drops; migrations run after the schema change. Ship the migration first and drop {lost} in a later release (expand, then contract).";
            plan.Add(new PlannedMigration(plan.Count + 1, up.Id, PlannedMigration.Up, up.Description, up.Requires, up.HasDown, refusal));
        }

        return plan;
    }

    /// <summary>Why each irreversible migration of a release may not be rolled back.</summary>
    public static IReadOnlyDictionary<string, string> Reasons(IReadOnlyList<MigrationManifestEntry> migrations) =>
        migrations.Where(m => m.Irreversible is not null).ToDictionary(m => m.Id, m => m.Irreversible!, StringComparer.Ordinal);

    private static IReadOnlyDictionary<string, string> UpScriptsOf(DacpacFile source) =>
        source.PostDeploymentScript is null ? new Dictionary<string, string>() : MigrationManifestEntry.UpScripts(source.PostDeploymentScript);

    private static PublishOptions PublishOptions(DacDeployOptions options) =>
        new() { DeployOptions = options, GenerateDeploymentScript = true, GenerateDeploymentReport = true };

    private static List<RlsPolicyChange> RlsChanges(IReadOnlyList<DeployReportParser.Item> items, DeployScriptFacts facts)
    {
        var policies = items.Where(i => i.Type == "SqlSecurityPolicy").GroupBy(i => i.Value, StringComparer.OrdinalIgnoreCase);
        var changes = new List<RlsPolicyChange>();
        foreach (var policy in policies.OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase))
        {
            var actions = policy.Select(i => i.Operation).ToHashSet(StringComparer.Ordinal);
            var change = actions.Contains("Drop") && actions.Contains("Create") ? RlsPolicyChange.DroppedAndRecreated
                : actions.Contains("Drop") ? RlsPolicyChange.Dropped
                : actions.Contains("Create") ? RlsPolicyChange.Created
                : RlsPolicyChange.Altered;
            changes.Add(new RlsPolicyChange(policy.Key, change, facts.PolicyTables(policy.Key)));
        }

        return changes;
    }

    private static string ComputeHash(DeploymentReport report)
    {
        var canonical = JsonReportWriter.Write(report, forHash: true) + "\nscript:" + report.ScriptHash;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
