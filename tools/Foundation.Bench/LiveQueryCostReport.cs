namespace Foundation.Bench;

/// <summary>What the live query-cost check loaded and found.</summary>
public sealed record LiveQueryCostReport(
    string Server,
    long Tenants,
    long Users,
    long Assignments,
    double LoadSeconds,
    IReadOnlyList<LiveQueryResult> Queries)
{
    public bool Passed => Queries.Count > 0 && Queries.All(q => q.Passed);
}
