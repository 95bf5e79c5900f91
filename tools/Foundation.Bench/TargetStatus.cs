namespace Foundation.Bench;

/// <summary>How a measured figure stands against its target.</summary>
public enum TargetStatus
{
    /// <summary>Within the target.</summary>
    Met,

    /// <summary>Over the target, with a documented cause, and no worse than the bound that cause explains.</summary>
    MissedExplained,

    /// <summary>Over the target with no explanation, or worse than the explained bound: a regression.</summary>
    Missed,

    /// <summary>Could not be measured here (the reason says why).</summary>
    NotMeasured,
}
