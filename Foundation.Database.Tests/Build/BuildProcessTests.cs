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
        var start = DotnetStart("build", RepositoryPaths.DatabaseProjectFile);
        detector.Mark(start);

        // Act
        var (exitCode, output) = await RunAsync(start);
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
        var (exitCode, output) = await RunAsync(start);
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

    private static ProcessStartInfo DotnetStart(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Whatever the test host inherited from `dotnet test` (MSBUILDDISABLENODEREUSE among it) would hide the behaviour under test.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k == "UseSharedCompilation").ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return start;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within 5 minutes.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
