using Foundation.Database.Tests.Infrastructure;
using Foundation.Deploy.Dacpacs;
using Foundation.Deploy.Planning;
using Foundation.Deploy.Profiles;
using Foundation.Deploy.Publishing;
using Microsoft.SqlServer.Dac;

namespace Foundation.Database.Tests.Deployment.Rehearsal;

/// <summary>
/// The rehearsal's shared, expensive part, built once for every rehearsal test class: the variant dacpacs (in process,
/// <see cref="VariantDacpacBuilder"/>) and, on first use of each case, DacFx's actual deploy script for it, generated as
/// the tool generates it (its effective options and variables, one compare) or as SqlPackage would (the profile's
/// options, the variables the pipeline passes).
/// </summary>
public sealed class RehearsalFixture : IDisposable
{
    public const string CollectionName = "Deployment rehearsal";

    private readonly Lazy<(VariantDacpacBuilder Builder, IReadOnlyDictionary<string, string> Paths)> _variants = new(BuildVariants);
    private readonly Lazy<Dictionary<string, RehearsalOutcome>> _prepared;
    private readonly List<Dictionary<string, DacpacFile>> _lanes = [];
    private readonly Dictionary<string, RehearsalOutcome> _late = new(StringComparer.Ordinal);

    private readonly Lazy<LegacyDeployment> _legacy;

    public RehearsalFixture()
    {
        _prepared = new Lazy<Dictionary<string, RehearsalOutcome>>(Prepare);
        _legacy = new Lazy<LegacyDeployment>(DeployLegacy);
    }

    /// <summary>DacFx's scripts for release 1.0.0 deployed as it was before this design (see <see cref="DeployLegacy"/>), and its own scripts.</summary>
    public sealed record LegacyDeployment(string FirstDeployment, string Rollback, string? PreDeployment, string? PostDeployment);

    public LegacyDeployment Legacy => _legacy.Value;

    /// <summary>Where each variant's dacpac is.</summary>
    public IReadOnlyDictionary<string, string> Variants => _variants.Value.Paths;

    public VariantDacpacBuilder Builder => _variants.Value.Builder;

    public static PublishProfile ReadProfile(string name) =>
        PublishProfileReader.Read(PublishProfileReader.Resolve(name, Path.Combine(RepositoryPaths.DatabaseProjectDirectory, "Profiles")));

    /// <summary>A variant's dacpac, opened once (for use after the cases are prepared; the rehearsal's tests run one after the other).</summary>
    public DacpacFile Dacpac(string variant)
    {
        _ = _prepared.Value;
        return Open(_lanes[0], variant);
    }

    /// <summary>
    /// The outcome of a case. The first call prepares every case of <see cref="RehearsalCase.All"/> at once, on two
    /// lanes in parallel (each with its own opened dacpacs: a DacFx package is not shared between threads), each DacFx
    /// compare once for all the cases that differ only in their allowances.
    /// </summary>
    public RehearsalOutcome Outcome(RehearsalCase rehearsalCase)
    {
        ArgumentNullException.ThrowIfNull(rehearsalCase);
        if (_prepared.Value.TryGetValue(rehearsalCase.ToString(), out var prepared))
        {
            return prepared;
        }

        lock (_late)
        {
            if (!_late.TryGetValue(rehearsalCase.ToString(), out var outcome))
            {
                outcome = Rehearse([rehearsalCase], _lanes[0])[0];
                _late[rehearsalCase.ToString()] = outcome;
            }

            return outcome;
        }
    }

    public void Dispose()
    {
        foreach (var dacpac in _lanes.SelectMany(l => l.Values))
        {
            dacpac.Dispose();
        }

        if (_variants.IsValueCreated)
        {
            _variants.Value.Builder.Dispose();
        }
    }

    /// <summary>The tool's plan request for a case (its allowances included; they do not change the compare).</summary>
    public static PlanRequest Request(RehearsalCase c, DacpacFile source, bool withAllowances = true)
    {
        ArgumentNullException.ThrowIfNull(c);
        var forward = c.Direction == DeploymentDirection.Deploy;
        var profile = ReadProfile(c.Profile);
        var variables = DeploymentVariables.For(source, profile, new Dictionary<string, string>(), "9.9.9-rehearsal", c.Direction, "9.9.8-rehearsal", Guid.Empty);
        var allowances = new DeploymentAllowances();
        foreach (var item in withAllowances && forward ? c.Scenario.AllowDataLoss : [])
        {
            allowances.AllowDataLoss(item, "rehearsal scenario " + c.Scenario.Name);
        }

        foreach (var item in withAllowances ? c.Scenario.AllowRebuild : [])
        {
            allowances.AllowRebuild(item, "rehearsal scenario " + c.Scenario.Name);
        }

        return new PlanRequest(profile.DeployOptions, variables.Values, allowances, c.Direction);
    }

    private static string ComparisonKey(RehearsalCase c) => $"{c.Scenario.From}|{c.Scenario.To}|{c.Direction}|{c.Profile}|{c.Path}";

    private Dictionary<string, RehearsalOutcome> Prepare()
    {
        _ = _variants.Value;
        var groups = RehearsalCase.All.GroupBy(ComparisonKey).ToList();
        const int lanes = 2;
        for (var i = 0; i < lanes; i++)
        {
            _lanes.Add(new Dictionary<string, DacpacFile>(StringComparer.Ordinal));
        }

        var results = new RehearsalOutcome[lanes][];
        Parallel.For(0, lanes, lane => results[lane] = [.. Rehearse([.. groups.Where((_, i) => i % lanes == lane).SelectMany(g => g)], _lanes[lane])]);
        return results.SelectMany(r => r).ToDictionary(o => o.Case.ToString(), StringComparer.Ordinal);
    }

    private DacpacFile Open(Dictionary<string, DacpacFile> lane, string variant)
    {
        if (!lane.TryGetValue(variant, out var dacpac))
        {
            dacpac = DacpacFile.Open(Variants[variant]);
            lane[variant] = dacpac;
        }

        return dacpac;
    }

    private List<RehearsalOutcome> Rehearse(IReadOnlyList<RehearsalCase> cases, Dictionary<string, DacpacFile> lane)
    {
        var outcomes = new List<RehearsalOutcome>();
        foreach (var group in cases.GroupBy(ComparisonKey))
        {
            var first = group.First();
            var forward = first.Direction == DeploymentDirection.Deploy;
            var source = Open(lane, forward ? first.Scenario.To : first.Scenario.From);
            var target = Open(lane, forward ? first.Scenario.From : first.Scenario.To);
            var (comparison, refusal) = Compare(first, source, target);
            foreach (var c in group)
            {
                if (comparison is null)
                {
                    outcomes.Add(new RehearsalOutcome(c, null, null, null, refusal));
                    continue;
                }

                var plan = c.Path == RehearsalPath.Tool ? DeploymentPlanner.Build(source, target, comparison, Request(c, source)) : null;
                var script = plan?.Script ?? comparison.Script;
                outcomes.Add(new RehearsalOutcome(c, plan, script, RehearsalScript.Read(script, source.PreDeploymentScript, source.PostDeploymentScript), null));
            }
        }

        return outcomes;
    }

    /// <summary>DacFx's one compare for a case: as the tool makes it, or as SqlPackage would with the profile and the pipeline's values.</summary>
    private static (DeploymentPlanner.Comparison? Comparison, string? Refusal) Compare(RehearsalCase c, DacpacFile source, DacpacFile target)
    {
        if (c.Path == RehearsalPath.Tool)
        {
            return (DeploymentPlanner.Compare(source, target, Request(c, source, withAllowances: false)), null);
        }

        var options = DeployOptionsCopier.Copy(ReadProfile(c.Profile).DeployOptions);
        options.SqlCommandVariableValues.Clear();
        foreach (var (name, value) in PipelineVariables(source, c.Direction))
        {
            options.SqlCommandVariableValues[name] = value;
        }

        try
        {
            var result = DacServices.Script(source.Package, target.Package, "Foundation", new PublishOptions { DeployOptions = options, GenerateDeploymentScript = true, GenerateDeploymentReport = true });
            return (new DeploymentPlanner.Comparison(result.DatabaseScript, result.DeploymentReport), null);
        }
        catch (DacServicesException ex)
        {
            return (null, DacErrors.Describe(ex));
        }
    }

    /// <summary>
    /// Release 1.0.0 deployed the way it was deployed before this design: SqlPackage with its Production profile of the
    /// time (IncludeTransactionalScripts=False; DacFx's defaults ScriptDatabaseOptions and ScriptNewConstraintValidation
    /// on). First: into an empty database. Rollback: from a later release with an extra migration and column, back to 1.0.0.
    /// </summary>
    private LegacyDeployment DeployLegacy()
    {
        using var baseline = DacpacFile.Open(Path.Combine(RepositoryPaths.Root, ArtifactStore.BaselinesRelativePath, "1.0.0", "Foundation.Database.dacpac"));
        var empty = Dacpac(RehearsalVariants.Empty);
        var later = Dacpac(RehearsalVariants.NotedWithMigration);
        var options = new DacDeployOptions { BlockOnPossibleDataLoss = true, IncludeTransactionalScripts = false, DropObjectsNotInSource = false };
        foreach (var (name, value) in baseline.DeclaredVariables)
        {
            options.SqlCommandVariableValues[name] = name == SqlCmdVariables.Names.DeploymentLockHeld ? "False" : "x" + value;
        }

        var first = DacServices.Script(baseline.Package, empty.Package, "Foundation", new PublishOptions { DeployOptions = options }).DatabaseScript;
        var rollback = DacServices.Script(baseline.Package, later.Package, "Foundation", new PublishOptions { DeployOptions = options }).DatabaseScript;
        return new LegacyDeployment(first, rollback, baseline.PreDeploymentScript, baseline.PostDeploymentScript);
    }

    /// <summary>The SQLCMD values a pipeline passes to SqlPackage (docs/deployment.md, "SQLCMD variables").</summary>
    private static Dictionary<string, string> PipelineVariables(DacpacFile source, DeploymentDirection direction) => new(StringComparer.OrdinalIgnoreCase)
    {
        [SqlCmdVariables.Names.ReleaseVersion] = "9.9.9-rehearsal",
        [SqlCmdVariables.Names.DacpacChecksum] = source.ModelChecksum,
        [SqlCmdVariables.Names.DeploymentId] = string.Empty,
        [SqlCmdVariables.Names.DeploymentDirection] = direction.ToString(),
        [SqlCmdVariables.Names.ToolVersion] = "SqlPackage",
        [SqlCmdVariables.Names.ReportHash] = string.Empty,
        [SqlCmdVariables.Names.DeploymentLockHeld] = "False",
        [SqlCmdVariables.Names.ExpectedCurrentVersion] = "9.9.8-rehearsal",
    };

    private static (VariantDacpacBuilder, IReadOnlyDictionary<string, string>) BuildVariants()
    {
        var builder = new VariantDacpacBuilder(RehearsalVariants.EditedFiles);
        var repository = DeploymentScriptSources.RepositoryMigrations();
        var paths = new Dictionary<string, string>(StringComparer.Ordinal) { [RehearsalVariants.Empty] = builder.BuildEmpty() };
        foreach (var (name, (edits, withMigration)) in RehearsalVariants.All)
        {
            var texts = edits.GroupBy(e => e.File).ToDictionary(g => g.Key, g => g.Aggregate(builder.SourceOf(g.Key), (text, e) => e.Edit(text)), StringComparer.Ordinal);
            paths[name] = builder.Build(name, texts, withMigration ? [.. repository, RehearsalVariants.RehearsalMigration] : repository);
        }

        return (builder, paths);
    }
}
