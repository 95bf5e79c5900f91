namespace Foundation.Bench;

/// <summary>
/// A profiled, documented reason why a target is missed, valid up to <paramref name="Ceiling"/>: a figure over the
/// target but within the ceiling is "missed, explained"; over the ceiling it is a plain miss (a regression).
/// The profile behind each bound is in docs/performance.md.
/// </summary>
public sealed record KnownBound(string TargetId, double Ceiling, string Explanation);
