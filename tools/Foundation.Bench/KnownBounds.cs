namespace Foundation.Bench;

/// <summary>
/// The targets this machine class is known to miss, each with its profiled cause and the worst figure that cause
/// explains. Keep in step with docs/performance.md ("Targets missed, and why"): a figure past a ceiling is a
/// regression and fails the run.
/// </summary>
public static class KnownBounds
{
    /// <summary>None on record: every target of issues #10 and #11 is expected to be met on a quiet machine of this class.</summary>
    public static IReadOnlyList<KnownBound> Default { get; } = [];
}
