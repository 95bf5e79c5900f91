using System.Security.Cryptography;
using System.Text;
using Foundation.Deploy.Dacpacs;
using Foundation.Deploy.Migrations;
using Foundation.Deploy.Reporting;
using Microsoft.SqlServer.Dac;

namespace Foundation.Deploy.Planning;

/// <summary>
/// Computes a deployment plan with DacFx and turns it into a <see cref="DeploymentReport"/>.
/// <list type="bullet">
/// <item><see cref="PlanFiles"/>: the simplest call, two dacpac paths, default options (offline; no server).</item>
/// <item><see cref="Plan(DacpacFile, DacpacFile, PlanRequest)"/>: dacpac vs. dacpac with a profile's options.</item>
/// <item><see cref="Plan(DacpacFile, DacServices, string, LiveTargetState, PlanRequest, IReadOnlyList{TableSize})"/>: dacpac vs. a live database.</item>
/// </list>
/// </summary>
public static class DeploymentPlanner
{
    /// <summary>Plans deploying <paramref name="sourceDacpacPath"/> over <paramref name="targetDacpacPath"/>, offline, with default options.</summary>
    public static DeploymentPlan PlanFiles(string sourceDacpacPath, string targetDacpacPath)
    {
        using var source = DacpacFile.Open(sourceDacpacPath);
        using var target = DacpacFile.Open(targetDacpacPath);
        return Plan(source, target, PlanRequest.Default());
    }

    public static DeploymentPlan Plan(DacpacFile source, DacpacFile target, PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(request);
        var options = request.OptionsFor(source.DeclaredVariables);
        const string databaseName = "Foundation";
        string script;
        string xml;
        try
        {
            script = DacServices.GenerateDeployScript(source.Package, target.Package, databaseName, options);
            xml = DacServices.GenerateDeployReport(source.Package, target.Package, databaseName, options);
        }
        catch (DacServicesException ex)
        {
            throw new DeployToolException(ExitCode.InvalidInput, $"DacFx could not compare '{source.Path}' with '{target.Path}': {DacErrors.Describe(ex)}", ex);
        }

        var applied = target.Migrations
            .Select(m => new LiveTargetState.JournalEntry(m.Id, m.Checksum, m.Order, m.HasDown, m.Description))
            .ToList();
        var targetDescription = new DeploymentReport.TargetDescription(
            DeploymentReport.TargetDescription.DacpacKind, target.Path, target.ReleaseVersion, target.ModelChecksum);
        return Build(source, targetDescription, script, xml, applied, [], request);
    }

    public static DeploymentPlan Plan(DacpacFile source, DacServices services, string databaseName, LiveTargetState state, PlanRequest request, IReadOnlyList<TableSize>? sizes = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(request);
        var options = request.OptionsFor(source.DeclaredVariables);
        string script;
        string xml;
        try
        {
            script = services.GenerateDeployScript(source.Package, databaseName, options);
            xml = services.GenerateDeployReport(source.Package, databaseName, options);
        }
        catch (DacServicesException ex)
        {
            throw new DeployToolException(ExitCode.DeploymentFailed, $"DacFx could not plan the deployment to database '{databaseName}': {DacErrors.Describe(ex)}", ex);
        }

        var targetDescription = new DeploymentReport.TargetDescription(
            DeploymentReport.TargetDescription.DatabaseKind,
            state.DatabaseExists ? $"database [{databaseName}]" : $"database [{databaseName}] (does not exist yet: it will be created)",
            state.RecordedVersion,
            state.RecordedChecksum);
        return Build(source, targetDescription, script, xml, state.AppliedMigrations, sizes ?? [], request);
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

    private static DeploymentPlan Build(
        DacpacFile source,
        DeploymentReport.TargetDescription target,
        string script,
        string xml,
        IReadOnlyList<LiveTargetState.JournalEntry> applied,
        IReadOnlyList<TableSize> sizes,
        PlanRequest request)
    {
        var (items, issues) = DeployReportParser.Parse(xml);
        var facts = DeployScriptAnalyzer.Analyze(script);
        var newTables = items.Where(i => i.Operation == "Create" && i.Type == "SqlTable").Select(i => i.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var dataLoss = new List<DataLossAlert>();
        var other = new List<string>();
        foreach (var issue in issues)
        {
            if (issue.AlertName == "DataIssue")
            {
                var attached = items.FirstOrDefault(i => issue.Id is { } id && i.IssueIds.Contains(id))?.Value;
                var (table, column) = DeployReportParser.LocateDataIssue(issue.Value, attached);
                var alert = new DataLossAlert(issue.Id ?? dataLoss.Count + 1, table, column, issue.Value, null);
                dataLoss.Add(alert with { AllowedBy = request.Allowances.DataLossAllowedBy(alert.ObjectName) });
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

        var rebuilds = items.Where(i => i.Operation == "TableRebuild")
            .Select(i => new DeploymentReport.TableRebuild(i.Value, request.Allowances.RebuildAllowedBy(i.Value)))
            .ToList();

        var notes = facts.ParseErrors.Count == 0
            ? new List<string>()
            : [$"The deployment script could not be fully analysed ({facts.ParseErrors[0]}); impact classes rely on DacFx's report alone."];

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
            RlsChanges = RlsChanges(items, facts),
            Migrations = PlanMigrations(source.Migrations, applied),
            TableSizes = sizes,
            Notes = notes,
            Profile = DeployOptionsSummary.Describe(request.ProfileName, request.Options),
            Allowances = request.Allowances.Entries,
        };
        report.Hash = ComputeHash(report);
        return new DeploymentPlan(script, xml, report);
    }

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

    /// <summary>
    /// Up: the source's migrations not applied on the target, in the source's order. Down: applied migrations the source
    /// does not know (a rollback), newest first, which is reverse dependency order.
    /// </summary>
    public static IReadOnlyList<PlannedMigration> PlanMigrations(IReadOnlyList<MigrationManifestEntry> source, IReadOnlyList<LiveTargetState.JournalEntry> applied)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(applied);
        var appliedIds = applied.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var sourceIds = source.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var plan = new List<PlannedMigration>();
        foreach (var down in applied.Where(a => !sourceIds.Contains(a.Id)).OrderByDescending(a => a.AppliedOrder))
        {
            plan.Add(new PlannedMigration(plan.Count + 1, down.Id, PlannedMigration.Down, down.Description ?? string.Empty, [], down.HasDown));
        }

        foreach (var up in source.Where(s => !appliedIds.Contains(s.Id)).OrderBy(s => s.Order))
        {
            plan.Add(new PlannedMigration(plan.Count + 1, up.Id, PlannedMigration.Up, up.Description, up.Requires, up.HasDown));
        }

        return plan;
    }

    private static string ComputeHash(DeploymentReport report)
    {
        var canonical = JsonReportWriter.Write(report, forHash: true);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
