using Foundation.Bench;

namespace Foundation.Database.Tests.Bench;

public sealed class MsBuildTaskTimesTests
{
    // The shape `dotnet build -v:q -clp:PerformanceSummary` prints (MSBuild 17/18): targets, then tasks.
    private const string Summary = """
        Project Evaluation Performance Summary:
              331 ms  /work/Foundation.Database/Foundation.Database.sqlproj   1 calls

        Target Performance Summary:
             2655 ms  SqlBuild                                   1 calls
              878 ms  SqlRunCodeAnalysis                         1 calls

        Task Performance Summary:
               22 ms  SqlModelResolutionTask                     1 calls
              348 ms  Exec                                       1 calls
              874 ms  SqlStaticCodeAnalysisTask                  1 calls
             2652 ms  SqlBuildTask                               1 calls
               10 ms  Exec                                       2 calls
        """;

    [Fact]
    public void Parse_ReadsOnlyTheTaskSection_AndSumsATaskNamedTwice()
    {
        var times = MsBuildTaskTimes.Parse(Summary);

        Assert.Equal(2652, times["SqlBuildTask"]);
        Assert.Equal(358, times["Exec"]);
        Assert.False(times.ContainsKey("SqlBuild"), "a target's line was read as a task");
    }

    [Fact]
    public void DacFxSeconds_IsTheBuildAndAnalysisTasks()
    {
        Assert.Equal(3.526, MsBuildTaskTimes.DacFxSeconds(Summary), 3);
    }

    [Fact]
    public void DacFxSeconds_IsNaN_WithoutASummary()
    {
        Assert.True(double.IsNaN(MsBuildTaskTimes.DacFxSeconds("Build succeeded.")));
    }
}
