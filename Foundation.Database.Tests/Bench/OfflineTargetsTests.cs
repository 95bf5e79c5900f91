using Foundation.Bench;

namespace Foundation.Database.Tests.Bench;

/// <summary>
/// The benchmark checks every offline target of issues #10 and #11 on every run: a target its sizes leave out (--quick)
/// is printed as not measured, never dropped; a figure over its limit is a miss.
/// </summary>
public sealed class OfflineTargetsTests
{
    [Fact]
    public void CheckOffline_ListsEveryTarget_AndTheOnesAQuickRunLeavesOutAsNotMeasured()
    {
        // Arrange: a --quick run measures Foundation.Database and the 100-table schema only.
        var check = new TargetCheck([]);
        var options = new BenchOptions(1, 1, [100], Quick: true, JsonPath: null, Keep: false, LiveScale: 0.01);
        var synthetic = new Dictionary<int, BuildFigures> { [0] = Figures("Synthetic0", 1.0, 0.5), [100] = Figures("Synthetic100", 2.0, 1.5) };

        // Act
        BenchRunner.CheckOffline(check, options, Figures("Foundation.Database", 1.4, 1.0), synthetic, new Dictionary<int, Measurement>(), null, "no baseline");

        // Assert
        var byId = check.Results.ToDictionary(r => r.Id);
        Assert.Equal(TargetStatus.Met, byId["Foundation.Database.build-vs-raw"].Status);
        Assert.Equal(TargetStatus.Met, byId["Foundation.Database.no-op"].Status);
        foreach (var id in new[] { "Synthetic500.build-vs-raw", "Synthetic2000.time", "Synthetic2000.memory", "Synthetic2000.plan", "per-table-growth", "Foundation.Database.plan" })
        {
            Assert.Equal(TargetStatus.NotMeasured, byId[id].Status);
        }
    }

    [Fact]
    public void CheckOffline_MarksTheLargestPlanMissed_WhenItTakesLongerThan30Seconds()
    {
        // Arrange
        var check = new TargetCheck([]);
        var options = new BenchOptions(1, 1, [2000], Quick: false, JsonPath: null, Keep: false, LiveScale: 1);
        var synthetic = new Dictionary<int, BuildFigures> { [2000] = Figures("Synthetic2000", 20, 19) };
        var plans = new Dictionary<int, Measurement> { [2000] = new("plan", "s", [31.0]) };

        // Act
        BenchRunner.CheckOffline(check, options, Figures("Foundation.Database", 1.6, 1.0), synthetic, plans, null, null);

        // Assert
        var byId = check.Results.ToDictionary(r => r.Id);
        Assert.Equal(TargetStatus.Missed, byId["Synthetic2000.plan"].Status);
        Assert.Equal(TargetStatus.Missed, byId["Foundation.Database.build-vs-raw"].Status);
        Assert.Equal(TargetStatus.Met, byId["Synthetic2000.build-vs-raw"].Status);
    }

    [Fact]
    public void KnownBounds_EachNamesATargetAFullRunChecks_WithACeilingAboveItsLimit()
    {
        // Arrange: a full run's sizes, so that every offline target is produced.
        var check = new TargetCheck([]);
        var options = new BenchOptions(1, 1, [100, 500, 2000], Quick: false, JsonPath: null, Keep: false, LiveScale: 1);
        int[] sizes = [0, 100, 500, 2000];
        var synthetic = sizes.ToDictionary(size => size, size => Figures($"Synthetic{size}", 1 + size / 100.0, 1 + size / 100.0));
        var plans = new Dictionary<int, Measurement> { [2000] = new("plan", "s", [10.0]) };

        // Act
        BenchRunner.CheckOffline(check, options, Figures("Foundation.Database", 1.0, 1.0), synthetic, plans, new Measurement("plan", "s", [1.0]), null);

        // Assert: a bound whose id matches no target would never apply, and one at or under its limit would explain nothing.
        var byId = check.Results.ToDictionary(r => r.Id);
        Assert.NotEmpty(KnownBounds.Default);
        foreach (var bound in KnownBounds.Default)
        {
            Assert.True(byId.ContainsKey(bound.TargetId), $"no target {bound.TargetId}");
            Assert.True(bound.Ceiling > byId[bound.TargetId].Limit, $"{bound.TargetId}: ceiling {bound.Ceiling} is not above the limit");
            Assert.False(string.IsNullOrWhiteSpace(bound.Explanation), bound.TargetId);
        }
    }

    [Fact]
    public void KnownBounds_AreEachListedInDocsPerformance()
    {
        var doc = File.ReadAllText(Path.Combine(Infrastructure.RepositoryPaths.Root, "docs", "performance.md"));
        foreach (var bound in KnownBounds.Default)
        {
            Assert.Contains($"`{bound.TargetId}`", doc, StringComparison.Ordinal);
        }
    }

    private static BuildFigures Figures(string project, double clean, double raw) => new(
        project,
        10,
        new Measurement("clean build", "s", [clean]),
        new Measurement("clean build peak memory", "bytes", [1e8]),
        new Measurement("no-op build", "s", [0.8]),
        new Measurement("one file changed", "s", [clean]),
        new Measurement("raw DacFx, child process", "s", [raw]),
        new Measurement("raw DacFx peak memory", "bytes", [1e8]),
        new Measurement("raw DacFx, in process (warm)", "s", [raw / 2]));
}
