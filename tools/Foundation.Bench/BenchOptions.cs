namespace Foundation.Bench;

/// <summary>Options of the main verb (the whole benchmark).</summary>
public sealed record BenchOptions(
    int Runs,
    int SyntheticRuns,
    IReadOnlyList<int> Sizes,
    bool Quick,
    string? JsonPath,
    bool Keep,
    double LiveScale)
{
    public const int DefaultRuns = 5;
    public const int DefaultSyntheticRuns = 3;
    public static readonly IReadOnlyList<int> DefaultSizes = [100, 500, 2000];

    /// <summary>A smoke run: one run each, the smallest size only, the live volume at 1%.</summary>
    public BenchOptions AsQuick() => this with { Runs = 1, SyntheticRuns = 1, Sizes = [Sizes.Count > 0 ? Sizes.Min() : 100], LiveScale = Math.Min(LiveScale, 0.01) };
}
