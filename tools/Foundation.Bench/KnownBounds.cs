namespace Foundation.Bench;

/// <summary>
/// The targets this machine class is known to miss, each with its profiled cause and the worst figure that cause
/// explains. Keep in step with docs/performance.md ("Targets missed, and why"): a figure past a ceiling is a
/// regression and fails the run.
/// </summary>
public static class KnownBounds
{
    private const string FixedCost =
        "a fixed 1.1–1.7 s of `dotnet build` start-up, SDK evaluation, the Redist ProjectReference, the DacFx task host " +
        "and (Foundation.Database) the migrations step, which the floor does not pay; see docs/performance.md";

    public static IReadOnlyList<KnownBound> Default { get; } =
    [
        new("Foundation.Database.build-vs-raw", 3.5, FixedCost),
        new("Synthetic100.build-vs-raw", 2.3, FixedCost),
        new("Synthetic500.build-vs-raw", 1.6, FixedCost),
    ];
}
