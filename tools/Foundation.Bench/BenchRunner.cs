using System.Text.Json;

namespace Foundation.Bench;

/// <summary>
/// The whole offline benchmark in one run (so ratios hold on a noisy machine): the foundation's builds and its raw
/// DacFx floor, the synthetic schemas' builds and plans, the foundation's plan against its last released baseline,
/// then the live query-cost check where a server is reachable; prints the figures and the target verdicts.
/// </summary>
public sealed class BenchRunner(IBenchOutput output, RepositoryLayout repository, string benchAssemblyPath)
{
    public const double MaxBuildRatio = 1.3;
    private static readonly JsonSerializerOptions _json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    public const double MaxNoOpSeconds = 1.5;
    public const double MaxFoundationCleanSeconds = 15;
    public const double MaxLargestSeconds = 60;
    public const double MaxLargestBytes = 2L * 1024 * 1024 * 1024;
    public const int LargestSize = 2000;
    public const double MaxPerTableGrowth = 1.5;
    public const double MaxFoundationPlanSeconds = 5;

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
            foreach (var figures in buildFigures.Where(f => f.Project != "Synthetic0"))
            {
                check.Check($"{figures.Project}.build-vs-raw", $"{figures.Project}: clean build ÷ raw DacFx (child)", MaxBuildRatio, figures.RatioToRaw, "x");
            }

            check.Check("Foundation.Database.no-op", "Foundation.Database: no-op rebuild", MaxNoOpSeconds, foundationFigures.NoOp!.Median, "s");
            check.Check("Foundation.Database.clean", "Foundation.Database: clean build", MaxFoundationCleanSeconds, foundationFigures.Clean.Median, "s");
            if (synthetic.TryGetValue(LargestSize, out var largest))
            {
                check.Check($"Synthetic{LargestSize}.time", $"{LargestSize} tables: clean build", MaxLargestSeconds, largest.Clean.Median, "s");
                check.Check($"Synthetic{LargestSize}.memory", $"{LargestSize} tables: peak memory", MaxLargestBytes, largest.CleanPeakMemory.Max, "bytes");
            }
            else
            {
                check.NotMeasured($"Synthetic{LargestSize}.time", $"{LargestSize} tables: clean build", MaxLargestSeconds, "s", $"size {LargestSize} not in --sizes");
            }

            if (synthetic.TryGetValue(100, out var small) && largest is not null)
            {
                check.Check("per-table-growth", $"time per table, {LargestSize} ÷ 100 tables (marginal, fixed cost removed)", MaxPerTableGrowth,
                    MarginalPerTable(largest, synthetic[0]) / MarginalPerTable(small, synthetic[0]), "x");
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

            CheckLive(check, live.Report);
            Print(machine, buildFigures, planFigures, synthetic, check, live);
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
            if (synthetic.TryGetValue(0, out var empty) && f.Project.StartsWith("Synthetic", StringComparison.Ordinal) && f.Project != "Synthetic0")
            {
                var tables = TableCount(f);
                derived.Add((f.Project, "time per table (total ÷ tables)", ResultTable.Format(f.Clean.Median / tables * 1000, "ms")));
                derived.Add((f.Project, "time per table (marginal: fixed cost removed)", ResultTable.Format(MarginalPerTable(f, empty) * 1000, "ms")));
                derived.Add((f.Project, "raw DacFx time per table (in process)", ResultTable.Format(f.RawInProcess.Median / tables * 1000, "ms")));
            }
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
