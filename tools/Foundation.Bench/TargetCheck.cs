namespace Foundation.Bench;

/// <summary>
/// Compares measured figures with the targets (a figure must be at most its limit).
/// A miss stays a miss unless a <see cref="KnownBound"/> explains it, and only up to that bound's ceiling.
/// </summary>
public sealed class TargetCheck(IReadOnlyList<KnownBound> knownBounds)
{
    private readonly List<TargetResult> _results = [];

    public IReadOnlyList<TargetResult> Results => _results;

    /// <summary>True when any target is missed without an explanation that covers the measured figure.</summary>
    public bool HasUnexplainedMiss => _results.Any(r => r.Status == TargetStatus.Missed);

    public TargetResult Check(string id, string description, double limit, double measured, string unit)
    {
        TargetResult result;
        if (double.IsNaN(measured))
        {
            result = new TargetResult(id, description, limit, null, unit, TargetStatus.NotMeasured, "no measurement");
        }
        else if (measured <= limit)
        {
            result = new TargetResult(id, description, limit, measured, unit, TargetStatus.Met, "");
        }
        else
        {
            var bound = knownBounds.FirstOrDefault(b => b.TargetId == id);
            result = bound switch
            {
                not null when measured <= bound.Ceiling =>
                    new TargetResult(id, description, limit, measured, unit, TargetStatus.MissedExplained, bound.Explanation),
                not null =>
                    new TargetResult(id, description, limit, measured, unit, TargetStatus.Missed,
                        $"over the explained bound of {Format(bound.Ceiling, unit)}: {bound.Explanation}"),
                _ => new TargetResult(id, description, limit, measured, unit, TargetStatus.Missed, "no explanation on record"),
            };
        }

        _results.Add(result);
        return result;
    }

    /// <summary>A yes/no target (e.g. "the plan seeks"); a failed condition is always a plain miss.</summary>
    public TargetResult CheckCondition(string id, string description, bool met, string detail)
    {
        var result = new TargetResult(id, description, 1, met ? 1 : 0, "yes/no", met ? TargetStatus.Met : TargetStatus.Missed, met ? "" : detail);
        _results.Add(result);
        return result;
    }

    public TargetResult NotMeasured(string id, string description, double limit, string unit, string reason)
    {
        var result = new TargetResult(id, description, limit, null, unit, TargetStatus.NotMeasured, reason);
        _results.Add(result);
        return result;
    }

    private static string Format(double value, string unit) => ResultTable.Format(value, unit);
}
