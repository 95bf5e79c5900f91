namespace Foundation.Bench;

/// <summary>Everything one run measured, as written by <c>--json</c>.</summary>
public sealed record BenchReport(
    MachineInfo Machine,
    string LoadAverageAtEnd,
    BenchOptions Options,
    IReadOnlyList<BuildFigures> Builds,
    IReadOnlyList<Measurement> Plans,
    IReadOnlyList<TargetResult> Targets,
    LiveQueryCostReport? Live,
    string? LiveSkipReason);
