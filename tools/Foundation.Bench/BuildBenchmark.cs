using System.Diagnostics;

namespace Foundation.Bench;

/// <summary>
/// Times `dotnet build` of a project (clean, no-op, one file changed) against the engine's floor, the raw DacFx API on
/// the same files, run both in a child `dotnet` process (this bench's hidden <c>raw-build</c> verb) and warm in process.
/// Runs are interleaved (raw, clean, no-op, edit; raw, clean, ...) so that a noisy neighbour hits both sides alike.
/// Restore runs once before timing; every timed build is <c>--no-restore -nodeReuse:false</c>.
/// </summary>
public sealed class BuildBenchmark(IBenchOutput output, string benchAssemblyPath)
{
    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(15);

    public static async Task RestoreAsync(ScratchProject project)
    {
        var run = await ProcessSampler.RunAsync("dotnet", ["restore", project.ProjectFile, "-nodeReuse:false", "-nologo", "-v:q"], project.Root, _timeout);
        Ensure(run, $"dotnet restore {project.Name}");
    }

    /// <summary>
    /// One `dotnet build`; with <paramref name="summary"/> MSBuild also prints its performance summary, from which the
    /// time in DacFx's own SSDT tasks is read (clean builds only, so that the no-op figure is the plain command).
    /// </summary>
    public static async Task<ProcessRun> DotnetBuildAsync(ScratchProject project, bool summary = false)
    {
        string[] arguments = ["build", project.ProjectFile, "--no-restore", "-nodeReuse:false", "-nologo", "-v:q"];
        var run = await ProcessSampler.RunAsync(
            "dotnet",
            summary ? [.. arguments, "-clp:PerformanceSummary"] : arguments,
            project.Root,
            _timeout);
        Ensure(run, $"dotnet build {project.Name}");
        return run;
    }

    public async Task<ProcessRun> RawChildBuildAsync(string projectDirectory, string dacpacPath)
    {
        var run = await ProcessSampler.RunAsync(
            "dotnet",
            ["exec", benchAssemblyPath, "raw-build", projectDirectory, dacpacPath],
            projectDirectory,
            _timeout);
        Ensure(run, $"raw DacFx build of {projectDirectory}");
        return run;
    }

    public async Task<BuildFigures> MeasureAsync(ScratchProject project, int runs, bool incremental)
    {
        var clean = new List<double>();
        var cleanPeak = new List<double>();
        var cleanDacFx = new List<double>();
        var noOp = new List<double>();
        var edit = new List<double>();
        var raw = new List<double>();
        var rawPeak = new List<double>();
        var rawDacpac = Path.Combine(project.Root, "raw", project.Name + ".dacpac");

        for (var run = 1; run <= runs; run++)
        {
            var rawRun = await RawChildBuildAsync(project.ProjectDirectory, rawDacpac);
            raw.Add(rawRun.Elapsed.TotalSeconds);
            rawPeak.Add(rawRun.PeakTreeRssBytes);

            project.DeleteBuildOutput();
            var cleanRun = await DotnetBuildAsync(project, summary: true);
            clean.Add(cleanRun.Elapsed.TotalSeconds);
            cleanPeak.Add(cleanRun.PeakTreeRssBytes);
            var dacFxSeconds = MsBuildTaskTimes.DacFxSeconds(cleanRun.Output);
            if (!double.IsNaN(dacFxSeconds))
            {
                cleanDacFx.Add(dacFxSeconds);
            }

            var line = $"  {project.Name} run {run}/{runs}: raw DacFx (child) {rawRun.Elapsed.TotalSeconds:F2} s, clean build {cleanRun.Elapsed.TotalSeconds:F2} s ({cleanRun.PeakTreeRssBytes / 1048576.0:F0} MiB)";
            if (incremental)
            {
                var noOpRun = await DotnetBuildAsync(project);
                noOp.Add(noOpRun.Elapsed.TotalSeconds);
                project.EditOneFile(run);
                var editRun = await DotnetBuildAsync(project);
                edit.Add(editRun.Elapsed.TotalSeconds);
                line += $", no-op {noOpRun.Elapsed.TotalSeconds:F2} s, one file changed {editRun.Elapsed.TotalSeconds:F2} s";
            }

            output.Line(line);
        }

        var inProcess = MeasureInProcess(project, runs);
        return new BuildFigures(
            project.Name,
            RawDacFxBuilder.ModelFiles(project.ProjectDirectory).Count,
            new Measurement("clean build", "s", clean),
            new Measurement("clean build peak memory", "bytes", cleanPeak),
            incremental ? new Measurement("no-op build", "s", noOp) : null,
            incremental ? new Measurement("one file changed", "s", edit) : null,
            new Measurement("raw DacFx, child process", "s", raw),
            new Measurement("raw DacFx peak memory", "bytes", rawPeak),
            inProcess,
            new Measurement("clean build: in DacFx's SSDT tasks (build, code analysis)", "s", cleanDacFx));
    }

    /// <summary>Raw DacFx in this process after one warm-up run: the floor with start-up and JIT taken away.</summary>
    private static Measurement MeasureInProcess(ScratchProject project, int runs)
    {
        var dacpac = Path.Combine(project.Root, "raw", project.Name + ".inprocess.dacpac");
        Check(RawDacFxBuilder.Build(project.ProjectDirectory, dacpac, project.Name), project);
        var samples = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var watch = Stopwatch.StartNew();
            Check(RawDacFxBuilder.Build(project.ProjectDirectory, dacpac, project.Name), project);
            samples.Add(watch.Elapsed.TotalSeconds);
        }

        return new Measurement("raw DacFx, in process (warm)", "s", samples);
    }

    private static void Check(RawBuildResult result, ScratchProject project)
    {
        if (!result.Succeeded)
        {
            throw new BenchException($"Raw DacFx could not build {project.Name}:{Environment.NewLine}{string.Join(Environment.NewLine, result.Errors.Take(20))}");
        }
    }

    private static void Ensure(ProcessRun run, string what)
    {
        if (!run.Succeeded)
        {
            throw new BenchException($"{what} failed (exit code {run.ExitCode}):{Environment.NewLine}{run.Tail()}");
        }
    }
}
