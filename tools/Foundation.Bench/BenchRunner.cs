using System.Text.Json;

namespace Foundation.Bench;

/// <summary>
/// The whole offline benchmark in one run (so ratios hold on a noisy machine): the foundation's builds and its raw
/// DacFx floor, the synthetic schemas' builds and plans, the foundation's plan against its last released baseline,
/// then the live query-cost check where a server is reachable; prints the figures and the target verdicts.
/// </summary>
public sealed class BenchRunner(IBenchOutput output, RepositoryLayout repository, string benchAssemblyPath)
{
    private static readonly JsonSerializerOptions _json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };


    /// <summary>Clean build of Foundation.Database over the raw DacFx floor (child process), issue #11.</summary>
    public const double MaxFoundationBuildRatio = 1.5;

    /// <summary>Clean build over the floor for synthetic schemas of <see cref="LargeSchemaSize"/> tables and more, issue #11.</summary>
    public const double MaxLargeBuildRatio = 1.15;
    public const int LargeSchemaSize = 500;
    public const double MaxNoOpSeconds = 1.0;
    public const double MaxFoundationCleanSeconds = 15;
    public const double MaxLargestSeconds = 60;
    public const double MaxLargestBytes = 2L * 1024 * 1024 * 1024;
    public const int LargestSize = 2000;
    public const double MaxPerTableGrowth = 1.5;
    public const double MaxFoundationPlanSeconds = 5;

    /// <summary>The plan of the largest schema's release (5% of the tables changed), issue #10 item 8.</summary>
    public const double MaxLargestPlanSeconds = 30;

    /// <summary>Runs everything; returns 0 when every target is met or explained, 1 when one is missed.</summary>
    public async Task<int> RunAsync(BenchOptions options, CancellationToken cancellation)
    {
        var machine = MachineInfo.Current();
        output.Line($"Foundation benchmark — {machine}");
        output.Line($"runs: foundation {options.Runs}, synthetic {options.SyntheticRuns}; sizes: {string.Join(", ", options.Sizes)} tables{(options.Quick ? " (--quick)" : "")}");
        output.Line("Every timed build is `dotnet build --no-restore -nodeReuse:false` in a child process (restore ran once before); peak memory is the whole process tree's.");

        var root = Path.Combine(Path.GetTempPath(), $"foundation-bench-{DateTime.UtcNow:yyyyMMddHHmmss}-{Environment.ProcessId}");
        var builds = new BuildBenchmark(output, benchAssemblyPath);
        var plans = new PlanBenchmark(benchAssemblyPath);
        var buildFigures = new List<BuildFigures>();
        var planFigures = new List<Measurement>();
        var synthetic = new Dictionary<int, BuildFigures>();
        var syntheticPlans = new Dictionary<int, Measurement>();
        Measurement? foundationPlan = null;
        string? foundationPlanNote = null;
        try
        {
            // 1. Foundation.Database, copied into a scratch project (the work tree's bin/ and obj/ stay untouched).
            var foundation = ScratchProject.ForFoundation(repository, Path.Combine(root, "foundation"));
            await BuildBenchmark.RestoreAsync(foundation);
            output.Line($"Foundation.Database ({RawDacFxBuilder.ModelFiles(foundation.ProjectDirectory).Count} model files):");
            var foundationFigures = await builds.MeasureAsync(foundation, options.Runs, incremental: true);
            buildFigures.Add(foundationFigures);
            cancellation.ThrowIfCancellationRequested();

            // 2. Synthetic schemas; size 0 (schemas, the tenants table and the predicate only) is the fixed cost.
            foreach (var size in options.Sizes.Prepend(0).Distinct())
            {
                var schema = SyntheticSchemaGenerator.Generate(size);
                var project = ScratchProject.ForSynthetic(repository, Path.Combine(root, $"synthetic-{size}"), $"Synthetic{size}", schema);
                await BuildBenchmark.RestoreAsync(project);
                output.Line($"Synthetic schema, {size} tables ({schema.Files.Count} files):");
                var figures = await builds.MeasureAsync(project, options.SyntheticRuns, incremental: false);
                buildFigures.Add(figures);
                synthetic[size] = figures;
                cancellation.ThrowIfCancellationRequested();

                if (size > 0)
                {
                    var next = SyntheticSchemaGenerator.Generate(size, version: 2);
                    var nextDirectory = Path.Combine(root, $"synthetic-{size}-v2");
                    next.WriteTo(nextDirectory);
                    var nextDacpac = Path.Combine(nextDirectory, "v2.dacpac");
                    var result = RawDacFxBuilder.Build(nextDirectory, nextDacpac, project.Name);
                    if (!result.Succeeded)
                    {
                        throw new BenchException($"Version 2 of the {size}-table schema does not build: {string.Join("; ", result.Errors.Take(5))}");
                    }

                    var (time, _) = await plans.MeasureAsync(
                        $"{size} tables, v1 → v2 ({next.ChangedTables.Count} tables changed; DacServices)", nextDacpac, project.Dacpac, Path.Combine(nextDirectory, "plan"), options.SyntheticRuns);
                    planFigures.Add(time);
                    syntheticPlans[size] = time;
                    output.Line($"  plan v1 → v2: median {time.Median:F2} s");
                }
            }

            // 3. The foundation against its last released baseline.
            var baseline = LatestBaseline();
            if (baseline is null)
            {
                foundationPlanNote = $"no released baseline .dacpac under {Path.GetRelativePath(repository.Root, repository.BaselinesDirectory)}/";
            }
            else
            {
                var (time, _) = await plans.MeasureAsync(
                    $"Foundation.Database vs baseline {Path.GetFileName(baseline)} (Foundation.Deploy DeploymentPlanner)", foundation.Dacpac, baseline, Path.Combine(root, "foundation-plan"), options.Runs, "plan-tool");
                planFigures.Add(time);
                foundationPlan = time;
            }

            // 4. Live query cost, where a server is reachable.
            var live = await new LiveQueryCostBenchmark(output).RunAsync(foundation.Dacpac, options.LiveScale, cancellation);

            // 5. Verdicts.
            var check = new TargetCheck(KnownBounds.Default);
            CheckOffline(check, options, foundationFigures, synthetic, syntheticPlans, foundationPlan, foundationPlanNote);
            CheckLive(check, live.Report);
            Print(machine, buildFigures, planFigures, synthetic, syntheticPlans, check, live);
            if (options.JsonPath is not null)
            {
                var report = new BenchReport(machine, MachineInfo.LoadAverageNow(), options, buildFigures, planFigures, check.Results, live.Report, live.SkipReason);
                await File.WriteAllTextAsync(options.JsonPath, JsonSerializer.Serialize(report, _json), cancellation);
                output.Line($"JSON written to {options.JsonPath}");
            }

            return check.HasUnexplainedMiss ? 1 : 0;
        }
        finally
        {
            if (options.Keep)
            {
                output.Line($"Scratch projects kept in {root}");
            }
            else if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    /// <summary>
    /// Only the live query-cost check, against a built dacpac (the pipeline's Verify stage, where a server runs).
    /// Returns 2 without a server: asking for the live check where none is reachable is a misconfiguration, not a skip.
    /// </summary>
    public async Task<int> RunLiveAsync(string dacpacPath, double liveScale, CancellationToken cancellation)
    {
        if (!File.Exists(dacpacPath))
        {
            throw new BenchException($"The dacpac '{dacpacPath}' does not exist: build Foundation.Database first.");
        }

        output.Line($"Foundation live query cost — {MachineInfo.Current()}");
        var live = await new LiveQueryCostBenchmark(output).RunAsync(dacpacPath, liveScale, cancellation);
        if (live.Report is null)
        {
            output.Line($"error: the live query-cost check cannot run: {live.SkipReason}");
            return 2;
        }

        var check = new TargetCheck(KnownBounds.Default);
        CheckLive(check, live.Report);
        output.Line("");
        PrintLive(live);
        output.Line("");
        output.Line("## Targets");
        foreach (var line in ResultTable.Targets(check.Results))
        {
            output.Line(line);
        }

        return check.HasUnexplainedMiss ? 1 : 0;
    }

    /// <summary>
    /// Every offline target, each printed met / MISSED / not measured (with the reason, e.g. a size --quick leaves out).
    /// </summary>
    public static void CheckOffline(
        TargetCheck check,
        BenchOptions options,
        BuildFigures foundation,
        IReadOnlyDictionary<int, BuildFigures> synthetic,
        IReadOnlyDictionary<int, Measurement> syntheticPlans,
        Measurement? foundationPlan,
        string? foundationPlanNote)
    {
        check.Check("Foundation.Database.build-vs-raw", "Foundation.Database: clean build ÷ raw DacFx (child)", MaxFoundationBuildRatio, foundation.RatioToRaw, "x");
        check.Check("Foundation.Database.no-op", "Foundation.Database: no-op rebuild", MaxNoOpSeconds, foundation.NoOp!.Median, "s");
        check.Check("Foundation.Database.clean", "Foundation.Database: clean build", MaxFoundationCleanSeconds, foundation.Clean.Median, "s");
        var largeSizes = options.Sizes.Where(size => size >= LargeSchemaSize).Distinct().Order().ToList();
        foreach (var size in largeSizes.Count > 0 ? largeSizes : [LargeSchemaSize])
        {
            var id = $"Synthetic{size}.build-vs-raw";
            var description = $"{size} tables: clean build ÷ raw DacFx (child)";
            if (synthetic.TryGetValue(size, out var figures))
            {
                check.Check(id, description, MaxLargeBuildRatio, figures.RatioToRaw, "x");
            }
            else
            {
                check.NotMeasured(id, description, MaxLargeBuildRatio, "x", $"no size of {LargeSchemaSize} tables or more in --sizes");
            }
        }

        if (synthetic.TryGetValue(LargestSize, out var largest))
        {
            check.Check($"Synthetic{LargestSize}.time", $"{LargestSize} tables: clean build", MaxLargestSeconds, largest.Clean.Median, "s");
            check.Check($"Synthetic{LargestSize}.memory", $"{LargestSize} tables: peak memory", MaxLargestBytes, largest.CleanPeakMemory.Max, "bytes");
        }
        else
        {
            check.NotMeasured($"Synthetic{LargestSize}.time", $"{LargestSize} tables: clean build", MaxLargestSeconds, "s", $"size {LargestSize} not in --sizes");
            check.NotMeasured($"Synthetic{LargestSize}.memory", $"{LargestSize} tables: peak memory", MaxLargestBytes, "bytes", $"size {LargestSize} not in --sizes");
        }

        var changed = SyntheticSchemaGenerator.ChangedTableNumbers(LargestSize).Count;
        var planDescription = $"{LargestSize} tables, {changed} changed: plan (one compare, script + report)";
        if (syntheticPlans.TryGetValue(LargestSize, out var largestPlan))
        {
            check.Check($"Synthetic{LargestSize}.plan", planDescription, MaxLargestPlanSeconds, largestPlan.Median, "s");
        }
        else
        {
            check.NotMeasured($"Synthetic{LargestSize}.plan", planDescription, MaxLargestPlanSeconds, "s", $"size {LargestSize} not in --sizes");
        }

        if (synthetic.TryGetValue(100, out var small) && largest is not null && synthetic.TryGetValue(0, out var empty))
        {
            check.Check("per-table-growth", $"time per table, {LargestSize} ÷ 100 tables (marginal, fixed cost removed)", MaxPerTableGrowth,
                MarginalPerTable(largest, empty) / MarginalPerTable(small, empty), "x");
        }
        else
        {
            check.NotMeasured("per-table-growth", $"time per table, {LargestSize} ÷ 100 tables", MaxPerTableGrowth, "x", "needs sizes 100 and 2000");
        }

        if (foundationPlan is not null)
        {
            check.Check("Foundation.Database.plan", "Foundation.Database: plan vs last released baseline", MaxFoundationPlanSeconds, foundationPlan.Median, "s");
        }
        else
        {
            check.NotMeasured("Foundation.Database.plan", "Foundation.Database: plan vs last released baseline", MaxFoundationPlanSeconds, "s", foundationPlanNote ?? "not run");
        }
    }

    /// <summary>Seconds per table once the fixed cost (the build of the empty schema) is taken away.</summary>
    public static double MarginalPerTable(BuildFigures figures, BuildFigures empty) =>
        (figures.Clean.Median - empty.Clean.Median) / TableCount(figures);

    private static int TableCount(BuildFigures figures) =>
        int.Parse(figures.Project["Synthetic".Length..], System.Globalization.CultureInfo.InvariantCulture);

    private string? LatestBaseline() =>
        Directory.Exists(repository.BaselinesDirectory)
            ? Directory.EnumerateFiles(repository.BaselinesDirectory, "*.dacpac", SearchOption.AllDirectories)
                .OrderBy(f => Version.TryParse(VersionPart(f), out var v) ? v : new Version(0, 0))
                .ThenBy(f => f, StringComparer.Ordinal)
                .LastOrDefault()
            : null;

    private static string VersionPart(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var start = name.AsSpan().IndexOfAnyInRange('0', '9');
        return start < 0 ? "" : name[start..].TrimStart('v');
    }

    private void Print(
        MachineInfo machine,
        List<BuildFigures> buildFigures,
        List<Measurement> planFigures,
        Dictionary<int, BuildFigures> synthetic,
        Dictionary<int, Measurement> syntheticPlans,
        TargetCheck check,
        (LiveQueryCostReport? Report, string? SkipReason) live)
    {
        output.Line("");
        output.Line($"## Figures — {machine.Cores} cores, {machine.MemoryGiB:F1} GiB, {machine.Os}, {machine.Runtime}, {machine.DateUtc}");
        output.Line($"load average at start {machine.LoadAverage}, at end {MachineInfo.LoadAverageNow()}");
        output.Line("");
        var rows = new List<(string, Measurement)>();
        foreach (var f in buildFigures)
        {
            var subject = $"{f.Project} ({f.ModelFileCount} files)";
            rows.Add((subject, f.Clean));
            if (f.NoOp is not null)
            {
                rows.Add((subject, f.NoOp));
            }

            if (f.OneFileChanged is not null)
            {
                rows.Add((subject, f.OneFileChanged));
            }

            if (f.CleanInDacFxTasks is { Samples.Count: > 0 } inTasks)
            {
                rows.Add((subject, inTasks));
            }

            rows.Add((subject, f.RawChild));
            rows.Add((subject, f.RawInProcess));
            rows.Add((subject, f.CleanPeakMemory));
            rows.Add((subject, f.RawChildPeakMemory));
        }

        rows.AddRange(planFigures.Select(p => ("plan", p)));
        foreach (var line in ResultTable.Figures(rows))
        {
            output.Line(line);
        }

        output.Line("");
        var derived = new List<(string, string, string)>();
        foreach (var f in buildFigures)
        {
            derived.Add((f.Project, "clean build ÷ raw DacFx (child)", ResultTable.Format(f.RatioToRaw, "x")));
            derived.Add((f.Project, "clean build − raw DacFx (child): glue + MSBuild", ResultTable.Format(f.Clean.Median - f.RawChild.Median, "s")));
            if (!double.IsNaN(f.OutsideDacFxTasks))
            {
                derived.Add((f.Project, "clean build outside DacFx's SSDT tasks: MSBuild, evaluation, glue, migrations", ResultTable.Format(f.OutsideDacFxTasks, "s")));
                derived.Add((f.Project, "DacFx's SSDT tasks ÷ raw DacFx (child): the engine's task over its API", ResultTable.Format(f.DacFxTasksToRaw, "x")));
            }
            if (synthetic.TryGetValue(0, out var empty) && f.Project.StartsWith("Synthetic", StringComparison.Ordinal) && f.Project != "Synthetic0")
            {
                var tables = TableCount(f);
                derived.Add((f.Project, "time per table (total ÷ tables)", ResultTable.Format(f.Clean.Median / tables * 1000, "ms")));
                derived.Add((f.Project, "time per table (marginal: fixed cost removed)", ResultTable.Format(MarginalPerTable(f, empty) * 1000, "ms")));
                derived.Add((f.Project, "raw DacFx time per table (in process)", ResultTable.Format(f.RawInProcess.Median / tables * 1000, "ms")));
            }
        }

        foreach (var (size, plan) in syntheticPlans.OrderBy(p => p.Key))
        {
            // Linear in the changed tables means a flat cost per changed table as the schema grows.
            var changed = SyntheticSchemaGenerator.ChangedTableNumbers(size).Count;
            derived.Add(($"Synthetic{size}", $"plan time per changed table ({changed} changed)", ResultTable.Format(plan.Median / changed, "s")));
        }

        foreach (var line in ResultTable.Derived(derived))
        {
            output.Line(line);
        }

        output.Line("");
        PrintLive(live);
        output.Line("");
        output.Line("## Targets");
        foreach (var line in ResultTable.Targets(check.Results))
        {
            output.Line(line);
        }

        output.Line("");
        output.Line(check.HasUnexplainedMiss
            ? "RESULT: a target is MISSED without an explanation on record (exit code 1)."
            : "RESULT: every measured target is met or explained (exit code 0).");
    }

    private static void CheckLive(TargetCheck check, LiveQueryCostReport? report) => LiveQueryCostTargets.Check(check, report);

    private void PrintLive((LiveQueryCostReport? Report, string? SkipReason) live)
    {
        foreach (var line in LiveQueryCostTable.Lines(live.Report, live.SkipReason))
        {
            output.Line(line);
        }
    }
}
