using System.Diagnostics;
using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.Build;

/// <summary>
/// `dotnet build` of the database project leaves nothing running: not the DacFx task host, not an MSBuild worker node
/// kept for reuse, not a compiler server. Builds the repository's own project the way a developer does, from the
/// repository root (so Directory.Build.rsp applies), with nothing in the environment turning node reuse off.
/// </summary>
public sealed class BuildProcessTests
{
    private static readonly TimeSpan _grace = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Build_LeavesNoProcessRunning_WhenTheDatabaseProjectIsBuilt()
    {
        // Arrange
        SkipUnlessSupported();
        var detector = new StrayProcessDetector();
        var start = DotnetCommand.StartInfo(RepositoryPaths.Root, ["build", RepositoryPaths.DatabaseProjectFile]);
        detector.Mark(start);

        // Act
        var (exitCode, output) = await DotnetCommand.RunAsync(start, DotnetCommand.DefaultTimeout, TestContext.Current.CancellationToken);
        var survivors = await detector.FindSurvivorsAsync(_grace, TestContext.Current.CancellationToken);
        detector.KillSurvivors();

        // Assert
        Assert.True(exitCode == 0, output);
        Assert.True(survivors.Count == 0, "dotnet build left these processes running:\n" + string.Join('\n', survivors));
    }

    [Fact]
    public async Task Detector_FindsAProcessThatOutlivesItsParent()
    {
        // Arrange: a shell that starts a background sleep and exits at once, as a reusable build node would outlive dotnet.
        SkipUnlessSupported();
        var detector = new StrayProcessDetector();
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("sleep 30 >/dev/null 2>&1 &");
        detector.Mark(start);

        // Act
        var (exitCode, output) = await DotnetCommand.RunAsync(start, DotnetCommand.DefaultTimeout, TestContext.Current.CancellationToken);
        var survivors = await detector.FindSurvivorsAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);
        detector.KillSurvivors();
        var afterKill = await detector.FindSurvivorsAsync(_grace, TestContext.Current.CancellationToken);

        // Assert
        Assert.True(exitCode == 0, output);
        Assert.Contains(survivors, survivor => survivor.Contains("sleep 30", StringComparison.Ordinal));
        Assert.Empty(afterKill);
    }

    private static void SkipUnlessSupported()
    {
        if (!StrayProcessDetector.IsSupported)
        {
            Assert.Skip("finding processes by their environment needs /proc (Linux).");
        }
    }
}
