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
    Measurement RawInProcess)
{
    /// <summary>Clean `dotnet build` over raw DacFx in a child process: both pay process start-up and JIT.</summary>
    public double RatioToRaw => Clean.Median / RawChild.Median;
}
