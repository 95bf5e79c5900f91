namespace Foundation.Bench;

/// <summary>
/// The live query-cost targets (docs/performance.md, "Live query cost"), per query:
/// <list type="bullet">
/// <item>every plan seeks: each access of a big table is a seek, one on an index that leads with the query's columns,
/// with the policies on and with them off;</item>
/// <item>a small query (at most <see cref="SmallQueryPages"/> pages without the policies: point lookups, keyset pages)
/// reads at most <see cref="MaxExtraPages"/> more pages under row-level security, absolute;</item>
/// <item>a larger query reads at most <see cref="MaxReadRatio"/> times its pages without the policies.</item>
/// </list>
/// Why two read targets: the predicates cost a constant (the seal, one page per protected table in the query) plus,
/// if they were badly written, extra data pages. On a 6-page lookup that constant alone is 1.17×, so a ratio says
/// nothing there; on a big read the constant vanishes and a ratio catches a predicate that widens the scan.
/// </summary>
public static class LiveQueryCostTargets
{
    public const long SmallQueryPages = 50;
    public const long MaxExtraPages = 2;
    public const double MaxReadRatio = 1.1;

    public static bool IsSmall(LiveQueryResult query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.TotalWithoutPolicy <= SmallQueryPages;
    }

    public static bool Meets(LiveQueryResult query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var reads = IsSmall(query) ? query.ExtraReads <= MaxExtraPages : query.ReadRatio <= MaxReadRatio;
        return query.SeeksUnderPolicy && query.SeeksWithoutPolicy && reads;
    }

    /// <summary>Adds each query's verdicts to <paramref name="check"/>; nothing when the live check did not run.</summary>
    public static void Check(TargetCheck check, LiveQueryCostReport? report)
    {
        ArgumentNullException.ThrowIfNull(check);
        foreach (var query in report?.Queries ?? [])
        {
            var name = query.Query;
            check.CheckCondition($"live.{name}.seek", $"live: {name}, index seeks under RLS", query.SeeksUnderPolicy,
                $"plan: {Describe(query.AccessUnderPolicy)}; expected a seek on {query.ExpectedIndexes}");
            check.CheckCondition($"live.{name}.seek-without-policies", $"live: {name}, index seeks with the policies off", query.SeeksWithoutPolicy,
                $"plan: {Describe(query.AccessWithoutPolicy)}; expected a seek on {query.ExpectedIndexes}");
            if (IsSmall(query))
            {
                check.Check($"live.{name}.extra-reads",
                    $"live: {name}, extra pages under RLS ({query.TotalWithoutPolicy} without; seal {query.SealReads}, data {query.ExtraDataReads})",
                    MaxExtraPages, query.ExtraReads, "pages");
            }
            else
            {
                check.Check($"live.{name}.reads",
                    $"live: {name}, reads under RLS ÷ without ({query.TotalUnderPolicy} / {query.TotalWithoutPolicy}; seal {query.SealReads}, data {query.ExtraDataReads})",
                    MaxReadRatio, query.ReadRatio, "x");
            }
        }
    }

    public static string Describe(IReadOnlyList<TableAccess> accesses)
    {
        ArgumentNullException.ThrowIfNull(accesses);
        return accesses.Count == 0 ? "no table access" : string.Join("; ", accesses.Select(a => a.ToString()).Distinct());
    }
}
