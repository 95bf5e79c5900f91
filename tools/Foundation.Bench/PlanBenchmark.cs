namespace Foundation.Bench;

/// <summary>
/// Times the offline plan (upgrade script + deploy report) between two .dacpacs in a child process, which is what a
/// deployment command pays: start-up, loading both packages, the compare. The hidden verb is <c>plan</c> (DacServices
/// alone, the engine's floor) or <c>plan-tool</c> (Foundation.Deploy's DeploymentPlanner, what a release runs).
/// </summary>
public sealed class PlanBenchmark(string benchAssemblyPath)
{
    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(15);

    public async Task<(Measurement Time, Measurement PeakMemory)> MeasureAsync(
        string name, string sourceDacpac, string targetDacpac, string outputDirectory, int runs, string verb = "plan")
    {
        var times = new List<double>();
        var peaks = new List<double>();
        Directory.CreateDirectory(outputDirectory);
        for (var run = 0; run < runs; run++)
        {
            var result = await ProcessSampler.RunAsync(
                "dotnet",
                ["exec", benchAssemblyPath, verb, sourceDacpac, targetDacpac, outputDirectory],
                outputDirectory,
                _timeout);
            if (!result.Succeeded)
            {
                throw new BenchException($"The plan '{name}' failed (exit code {result.ExitCode}):{Environment.NewLine}{result.Tail()}");
            }

            times.Add(result.Elapsed.TotalSeconds);
            peaks.Add(result.PeakTreeRssBytes);
        }

        return (new Measurement($"plan: {name}", "s", times), new Measurement($"plan peak memory: {name}", "bytes", peaks));
    }
}
