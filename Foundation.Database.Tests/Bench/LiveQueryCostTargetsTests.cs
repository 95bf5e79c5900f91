using Foundation.Bench;

namespace Foundation.Database.Tests.Bench;

/// <summary>
/// The live query-cost targets, offline, on made-up figures: small queries are held to an absolute number of extra
/// pages, larger ones to a ratio; every plan must seek; the seal's pages are reported apart.
/// </summary>
public sealed class LiveQueryCostTargetsTests
{
    private static readonly IReadOnlyDictionary<string, string> _filters = new Dictionary<string, string>
    {
        ["Users"] = "[Security].[UsersPolicy]",
        ["UserRoles"] = "[Security].[UserRolesPolicy]",
    };

    [Fact]
    public void SmallQuery_MeetsTheTarget_WhenTheSealAddsOnePage_ThoughTheRatioIsOver1Point1()
    {
        var lookup = Query(under: new() { ["Users"] = 6, ["SessionSeals"] = 1 }, without: new() { ["Users"] = 6 });
        var check = new TargetCheck([]);

        LiveQueryCostTargets.Check(check, Report(lookup));

        var reads = Assert.Single(check.Results, r => r.Id == "live.lookup.extra-reads");
        Assert.Equal(TargetStatus.Met, reads.Status);
        Assert.Equal(1, reads.Measured);
        Assert.True(lookup.ReadRatio > LiveQueryCostTargets.MaxReadRatio);
        Assert.DoesNotContain(check.Results, r => r.Id == "live.lookup.reads");
        Assert.True(lookup.Passed);
    }

    [Fact]
    public void SmallQuery_MissesTheTarget_WhenRowLevelSecurityAddsThreePages()
    {
        var lookup = Query(under: new() { ["Users"] = 8, ["SessionSeals"] = 1 }, without: new() { ["Users"] = 6 });
        var check = new TargetCheck([]);

        LiveQueryCostTargets.Check(check, Report(lookup));

        Assert.Equal(TargetStatus.Missed, Assert.Single(check.Results, r => r.Id == "live.lookup.extra-reads").Status);
        Assert.True(check.HasUnexplainedMiss);
        Assert.False(lookup.Passed);
    }

    [Theory]
    [InlineData(1000, 1090, TargetStatus.Met)]
    [InlineData(1000, 1101, TargetStatus.Missed)]
    public void LargerQuery_IsJudgedByTheRatio(long without, long under, TargetStatus expected)
    {
        var scan = Query(under: new() { ["UserRoles"] = under - 2, ["SessionSeals"] = 2 }, without: new() { ["UserRoles"] = without });
        var check = new TargetCheck([]);

        LiveQueryCostTargets.Check(check, Report(scan));

        Assert.Equal(expected, Assert.Single(check.Results, r => r.Id == "live.lookup.reads").Status);
        Assert.DoesNotContain(check.Results, r => r.Id == "live.lookup.extra-reads");
    }

    [Theory]
    [InlineData(50, 53, "live.lookup.extra-reads", TargetStatus.Missed)] // 1.06×, but 3 pages on a small query
    [InlineData(51, 54, "live.lookup.reads", TargetStatus.Met)] // 3 pages, 1.06× on a query over 50 pages
    public void TheBoundaryBetweenTheTwoReadTargets_Is50PagesWithoutThePolicies(long without, long under, string id, TargetStatus expected)
    {
        var query = Query(under: new() { ["Users"] = under }, without: new() { ["Users"] = without });
        var check = new TargetCheck([]);

        LiveQueryCostTargets.Check(check, Report(query));

        Assert.Equal(expected, Assert.Single(check.Results, r => r.Id == id).Status);
    }

    [Theory]
    [InlineData(false, true, "live.lookup.seek")]
    [InlineData(true, false, "live.lookup.seek-without-policies")]
    public void EveryPlanMustSeek_WithThePoliciesOnAndOff(bool seeksUnder, bool seeksWithout, string missedId)
    {
        var query = Query(under: new() { ["Users"] = 3, ["SessionSeals"] = 1 }, without: new() { ["Users"] = 3 }) with
        {
            SeeksUnderPolicy = seeksUnder,
            SeeksWithoutPolicy = seeksWithout,
        };
        var check = new TargetCheck([]);

        LiveQueryCostTargets.Check(check, Report(query));

        Assert.Equal(missedId, Assert.Single(check.Results, r => r.Status == TargetStatus.Missed).Id);
        Assert.False(query.Passed);
        Assert.False(Report(query).Passed);
    }

    [Fact]
    public void Result_SeparatesTheSealsPages_AndNamesWhatProtectsEachTable()
    {
        var query = Query(
            under: new() { ["Users"] = 4, ["UserRoles"] = 3, ["Roles"] = 2, ["SessionSeals"] = 2 },
            without: new() { ["Users"] = 3, ["UserRoles"] = 3, ["Roles"] = 2 });

        Assert.Equal(3, query.ExtraReads);
        Assert.Equal(2, query.SealReads);
        Assert.Equal(1, query.ExtraDataReads);
        Assert.Equal(
        [
            new LiveTableReads("Roles", 2, 2, "no policy"),
            new LiveTableReads("SessionSeals", 2, 0, "seal"),
            new LiveTableReads("UserRoles", 3, 3, "[Security].[UserRolesPolicy]"),
            new LiveTableReads("Users", 4, 3, "[Security].[UsersPolicy]"),
        ],
            query.Tables);
    }

    [Fact]
    public void Table_PrintsEveryQueryAndEveryTable_OrTheSkipReason()
    {
        var query = Query(under: new() { ["Users"] = 6, ["SessionSeals"] = 1 }, without: new() { ["Users"] = 6 });

        var lines = LiveQueryCostTable.Lines(Report(query), null).ToList();
        var skipped = Assert.Single(LiveQueryCostTable.Lines(null, "FOUNDATION_SQL_CONNECTION is not set"));

        Assert.Contains("| lookup | 7 | 6 | 1 | 1 | 0 | 1.17× | ≤ +2 pages |", lines.Single(l => l.StartsWith("| lookup | 7", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("| lookup | SessionSeals | 1 | 0 | 1 | seal |", lines);
        Assert.Contains("| lookup | Users | 6 | 6 | 0 | [Security].[UsersPolicy] |", lines);
        Assert.Equal("live query cost: skipped — FOUNDATION_SQL_CONNECTION is not set", skipped);
    }

    [Fact]
    public void Check_AddsNoTarget_WhenTheLiveCheckDidNotRun()
    {
        var check = new TargetCheck([]);

        LiveQueryCostTargets.Check(check, null);

        Assert.Empty(check.Results);
    }

    [Fact]
    public void SeeksOnly_RequiresASeekOnEveryBigTable_AndOneOnAnExpectedIndex()
    {
        TableAccess Access(string op, string table, string index) => new(op, "Identity", table, index);
        string[] expected = ["UQ_Identity_Users_TenantId_NormalizedEmail"];

        Assert.True(LiveQueryCostBenchmark.SeeksOnly(
            [Access("Index Seek", "Users", "UQ_Identity_Users_TenantId_NormalizedEmail"), Access("Clustered Index Scan", "Roles", "PK_Identity_Roles"), Access("Clustered Index Seek", "SessionSeals", "PK_Security_SessionSeals")],
            expected));
        Assert.False(LiveQueryCostBenchmark.SeeksOnly([Access("Index Seek", "Users", "UQ_Identity_Users_TenantId_NormalizedEmail"), Access("Clustered Index Scan", "SessionSeals", "PK_Security_SessionSeals")], expected));
        Assert.False(LiveQueryCostBenchmark.SeeksOnly([Access("Clustered Index Seek", "Users", "PK_Identity_Users")], expected));
        Assert.False(LiveQueryCostBenchmark.SeeksOnly([Access("Clustered Index Scan", "Roles", "PK_Identity_Roles")], expected));
    }

    [Fact]
    public void StatisticsCapture_AddsLogicalReadsTableByTable_FromSqlServer2022Messages()
    {
        var reads = new SortedDictionary<string, long>(StringComparer.Ordinal);

        StatisticsCapture.AddLogicalReads(reads, "Table 'Users'. Scan count 1, logical reads 3, physical reads 0, page server reads 0, read-ahead reads 0, page server read-ahead reads 0, lob logical reads 0, lob physical reads 0, lob page server reads 0, lob read-ahead reads 0, lob page server read-ahead reads 0.");
        StatisticsCapture.AddLogicalReads(reads, "Table 'SessionSeals'. Scan count 0, logical reads 1, physical reads 0, page server reads 0, read-ahead reads 0.\nTable 'Users'. Scan count 1, logical reads 2, physical reads 0.");
        StatisticsCapture.AddLogicalReads(reads, "Warning: Null value is eliminated by an aggregate or other SET operation.");

        Assert.Equal(new Dictionary<string, long> { ["SessionSeals"] = 1, ["Users"] = 5 }, reads);
    }

    private static LiveQueryResult Query(Dictionary<string, long> under, Dictionary<string, long> without) =>
        new("lookup", under, without, "SessionSeals", _filters, [], [], SeeksUnderPolicy: true, SeeksWithoutPolicy: true, "UQ_Identity_Users_TenantId_NormalizedEmail");

    private static LiveQueryCostReport Report(LiveQueryResult query) => new("test", 10, 100, 300, 1, [query]);
}
