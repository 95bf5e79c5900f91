using Foundation.Bench;

namespace Foundation.Database.Tests.Bench;

public sealed class TargetCheckTests
{
    [Fact]
    public void Check_MarksAFigureOverItsLimit_AsMissed_WhenNoExplanationIsOnRecord()
    {
        var check = new TargetCheck([]);

        var result = check.Check("noop", "no-op rebuild", 1.5, 2.0, "s");

        Assert.Equal(TargetStatus.Missed, result.Status);
        Assert.True(check.HasUnexplainedMiss);
    }

    [Fact]
    public void Check_MarksAFigureWithinItsLimit_AsMet()
    {
        var check = new TargetCheck([]);

        var result = check.Check("noop", "no-op rebuild", 1.5, 1.5, "s");

        Assert.Equal(TargetStatus.Met, result.Status);
        Assert.False(check.HasUnexplainedMiss);
    }

    [Fact]
    public void Check_MarksAMissAsExplained_OnlyUpToTheExplainedCeiling()
    {
        var check = new TargetCheck([new KnownBound("ratio", 3.0, "MSBuild start-up")]);

        var explained = check.Check("ratio", "build ÷ raw", 1.3, 2.5, "x");
        var regression = check.Check("ratio", "build ÷ raw", 1.3, 3.5, "x");

        Assert.Equal(TargetStatus.MissedExplained, explained.Status);
        Assert.Equal(TargetStatus.Missed, regression.Status);
        Assert.True(check.HasUnexplainedMiss);
    }

    [Fact]
    public void CheckCondition_MarksAFailedCondition_AsMissed()
    {
        var check = new TargetCheck([new KnownBound("seek", 10, "ignored: conditions are never explained")]);

        var result = check.CheckCondition("seek", "index seeks under RLS", met: false, "Clustered Index Scan");

        Assert.Equal(TargetStatus.Missed, result.Status);
    }

    [Fact]
    public void Measurement_ReportsMinMedianAndMax()
    {
        var measurement = new Measurement("clean build", "s", [3.0, 1.0, 2.0, 10.0]);

        Assert.Equal(1.0, measurement.Min);
        Assert.Equal(2.5, measurement.Median);
        Assert.Equal(10.0, measurement.Max);
    }
}
