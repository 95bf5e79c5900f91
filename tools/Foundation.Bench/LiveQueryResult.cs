namespace Foundation.Bench;

/// <summary>
/// One common query, run by the same application session twice: with every security policy on (row-level security
/// applies) and with every policy off. Logical reads of each run, table by table (SET STATISTICS IO), and what the actual
/// plans (SET STATISTICS XML) did to the big tables. The seal table's reads are the predicates' proof of a trusted
/// session and are reported apart from the data tables' reads.
/// </summary>
/// <param name="Query">The query's name.</param>
/// <param name="ReadsUnderPolicy">Logical reads by table, policies on.</param>
/// <param name="ReadsWithoutPolicy">Logical reads by table, policies off.</param>
/// <param name="SealTable">The seal table's name as STATISTICS IO prints it.</param>
/// <param name="PoliciesByTable">The security policies (read from the database) with a predicate on each table, by table name.</param>
/// <param name="AccessUnderPolicy">How the plan reached each table, policies on.</param>
/// <param name="AccessWithoutPolicy">How the plan reached each table, policies off.</param>
/// <param name="SeeksUnderPolicy">Every big-table access seeks, one on an expected index, policies on.</param>
/// <param name="SeeksWithoutPolicy">The same, policies off.</param>
/// <param name="ExpectedIndexes">The indexes whose key leads with the query's columns.</param>
public sealed record LiveQueryResult(
    string Query,
    IReadOnlyDictionary<string, long> ReadsUnderPolicy,
    IReadOnlyDictionary<string, long> ReadsWithoutPolicy,
    string SealTable,
    IReadOnlyDictionary<string, string> PoliciesByTable,
    IReadOnlyList<TableAccess> AccessUnderPolicy,
    IReadOnlyList<TableAccess> AccessWithoutPolicy,
    bool SeeksUnderPolicy,
    bool SeeksWithoutPolicy,
    string ExpectedIndexes)
{
    public long TotalUnderPolicy => ReadsUnderPolicy.Values.Sum();

    public long TotalWithoutPolicy => ReadsWithoutPolicy.Values.Sum();

    /// <summary>Pages the predicates read in the seal table to prove the session (policies off: none).</summary>
    public long SealReads => ReadsUnderPolicy.GetValueOrDefault(SealTable) - ReadsWithoutPolicy.GetValueOrDefault(SealTable);

    /// <summary>What row-level security costs this query, in pages (may be negative when a policy narrows a scan).</summary>
    public long ExtraReads => TotalUnderPolicy - TotalWithoutPolicy;

    /// <summary>The extra pages read in the data tables themselves: what is left once the seal is taken away.</summary>
    public long ExtraDataReads => ExtraReads - SealReads;

    public double ReadRatio => TotalWithoutPolicy == 0 ? (TotalUnderPolicy == 0 ? 1 : double.PositiveInfinity) : (double)TotalUnderPolicy / TotalWithoutPolicy;

    /// <summary>Every table either run read, with both figures and what it is (seal, protected by which policy, or not protected).</summary>
    public IReadOnlyList<LiveTableReads> Tables =>
        ReadsUnderPolicy.Keys.Union(ReadsWithoutPolicy.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(table => new LiveTableReads(
                table,
                ReadsUnderPolicy.GetValueOrDefault(table),
                ReadsWithoutPolicy.GetValueOrDefault(table),
                table == SealTable ? "seal" : PoliciesByTable.TryGetValue(table, out var policies) ? policies : "no policy"))
            .ToList();

    /// <summary>Every target of <see cref="LiveQueryCostTargets"/> is met.</summary>
    public bool Passed => LiveQueryCostTargets.Meets(this);
}
