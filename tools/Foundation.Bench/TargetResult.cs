namespace Foundation.Bench;

/// <summary>One target's verdict: what was asked, what was measured, and met / missed (explained) / not measured.</summary>
public sealed record TargetResult(
    string Id,
    string Description,
    double Limit,
    double? Measured,
    string Unit,
    TargetStatus Status,
    string Explanation);
