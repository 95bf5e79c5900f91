namespace Foundation.Bench;

/// <summary>The measured builds of one project: `dotnet build` (clean, no-op, one file changed) and raw DacFx.</summary>
public sealed record BuildFigures(
    string Project,
    int ModelFileCount,
    Measurement Clean,
    Measurement CleanPeakMemory,
    Measurement? NoOp,
    Measurement? OneFileChanged,
    Measurement RawChild,
    Measurement RawChildPeakMemory,
    Measurement RawInProcess,
    Measurement? CleanInDacFxTasks = null)
{
    /// <summary>Clean `dotnet build` over raw DacFx in a child process: both pay process start-up and JIT.</summary>
    public double RatioToRaw => Clean.Median / RawChild.Median;

    /// <summary>The part of a clean build outside DacFx's SSDT tasks: MSBuild start-up, evaluation, the glue, the migrations step.</summary>
    public double OutsideDacFxTasks => CleanInDacFxTasks is { Samples.Count: > 0 } tasks ? Clean.Median - tasks.Median : double.NaN;

    /// <summary>DacFx's own SSDT tasks over the raw DacFx floor (child process): how much slower the engine's build task is than its API.</summary>
    public double DacFxTasksToRaw => CleanInDacFxTasks is { Samples.Count: > 0 } tasks ? tasks.Median / RawChild.Median : double.NaN;
}
