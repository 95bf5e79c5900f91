namespace Foundation.Bench;

/// <summary>The live query-cost figures as Markdown: one row per query, then one row per query and table.</summary>
public static class LiveQueryCostTable
{
    public static IEnumerable<string> Lines(LiveQueryCostReport? report, string? skipReason)
    {
        if (report is null)
        {
            yield return $"live query cost: skipped — {skipReason}";
            yield break;
        }

        yield return $"## Live query cost — {report.Server}: {report.Tenants:N0} tenants, {report.Users:N0} users, {report.Assignments:N0} assignments (loaded in {report.LoadSeconds:F0} s)";
        yield return "| query | pages under RLS | with policies off | extra | of which seal | of which data | ratio | target | plan under RLS | plan with policies off | expected index | verdict |";
        yield return "|---|---:|---:|---:|---:|---:|---:|---|---|---|---|---|";
        foreach (var q in report.Queries)
        {
            var target = LiveQueryCostTargets.IsSmall(q)
                ? $"≤ +{LiveQueryCostTargets.MaxExtraPages} pages"
                : $"≤ {ResultTable.Format(LiveQueryCostTargets.MaxReadRatio, "x")}";
            yield return $"| {q.Query} | {q.TotalUnderPolicy} | {q.TotalWithoutPolicy} | {q.ExtraReads} | {q.SealReads} | {q.ExtraDataReads} | {ResultTable.Format(q.ReadRatio, "x")} | {target} | "
                + $"{LiveQueryCostTargets.Describe(q.AccessUnderPolicy)} | {LiveQueryCostTargets.Describe(q.AccessWithoutPolicy)} | {q.ExpectedIndexes} | {(q.Passed ? "met" : "MISSED")} |";
        }

        yield return "";
        yield return "| query | table | pages under RLS | with policies off | extra | protected by |";
        yield return "|---|---|---:|---:|---:|---|";
        foreach (var q in report.Queries)
        {
            foreach (var t in q.Tables)
            {
                yield return $"| {q.Query} | {t.Table} | {t.UnderPolicy} | {t.WithoutPolicy} | {t.Extra} | {t.Protection} |";
            }
        }
    }
}
