using System.Diagnostics;
using Foundation.Database.Tests.Infrastructure;
using Foundation.Deploy.Connections;

namespace Foundation.Database.Tests.Deployment.Cli;

/// <summary>
/// The tool as a real process (the newcomer's run crashed with .NET stack traces and exit 134): bad input still ends
/// in a documented exit code and a first error line on stderr that names the fault; progress goes to stderr and the
/// report alone to stdout. A handful of cases only: each process costs a runtime start.
/// </summary>
public sealed class DeployCliProcessTests(CliFixtures fixtures) : IDisposable
{
    private readonly CliRun _scratch = new();

    [Fact]
    public async Task NoArguments_PrintsTheHelpWithTheExitCodes_AndExits3()
    {
        var (exit, stdout, stderr) = await RunAsync(RepositoryPaths.Root, []);

        Assert.Equal(3, exit);
        Assert.StartsWith("No verb given", FirstLine(stderr), StringComparison.Ordinal);
        Assert.Contains("Exit codes:", stdout, StringComparison.Ordinal);
        CliRun.AssertNoStackTrace(stdout + stderr);
    }

    [Fact]
    public async Task MalformedConnectionString_InTheEnvironment_IsBadInputNamingTheVariable()
    {
        var (exit, stdout, stderr) = await RunAsync(RepositoryPaths.Root, ["history", "--database", "Foundation"], ("FOUNDATION_SQL_CONNECTION", "Server=db;Encrypt=Maybe;Password=hunter2"));

        Assert.Equal(3, exit);
        Assert.StartsWith($"The {DeploymentTarget.ConnectionEnvironmentVariable} environment variable is not a valid connection string", FirstLine(stderr), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", stdout + stderr, StringComparison.Ordinal);
        CliRun.AssertNoStackTrace(stdout + stderr);
    }

    [Fact]
    public async Task FreshCheckout_WithoutABuild_SaysToRunDotnetBuild()
    {
        File.WriteAllText(_scratch.Path("Foundation.sln"), string.Empty);

        var (exit, stdout, stderr) = await RunAsync(_scratch.Scratch, ["plan"]);

        Assert.Equal(3, exit);
        Assert.Contains("--source: the built dacpac '", FirstLine(stderr), StringComparison.Ordinal);
        Assert.Contains("does not exist yet: run 'dotnet build'", FirstLine(stderr), StringComparison.Ordinal);
        Assert.Equal(["Foundation.sln"], Directory.EnumerateFileSystemEntries(_scratch.Scratch).Select(Path.GetFileName));
        CliRun.AssertNoStackTrace(stdout + stderr);
    }

    [Fact]
    public async Task OutputFolderThatIsAFile_IsBadInput_NotACrash()
    {
        var file = _scratch.Write("report.md", "keep me");

        var (exit, stdout, stderr) = await RunAsync(RepositoryPaths.Root, ["plan", "--out", file]);

        Assert.Equal(3, exit);
        Assert.StartsWith($"--out: '{file}' is an existing file", FirstLine(stderr), StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(file));
        CliRun.AssertNoStackTrace(stdout + stderr);
    }

    [Fact]
    public async Task Plan_WritesTheReportToStdout_AndProgressToStderr()
    {
        var (exit, stdout, stderr) = await RunAsync(RepositoryPaths.Root, ["plan", "--source", fixtures.DropColumn, "--target-dacpac", fixtures.Base, "--allow-other-database"]);

        Assert.Equal(2, exit);
        Assert.StartsWith("# Deployment report: Fixture 1.0.0", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Comparing", stdout, StringComparison.Ordinal);
        var progress = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(progress);
        Assert.All(progress, line => Assert.Matches(@"^\[ *\d+\.\d+s\] ", line));
        Assert.Contains(progress, line => line.Contains("Comparing release 1.0.0", StringComparison.Ordinal));
    }

    public void Dispose() => _scratch.Dispose();

    private static string FirstLine(string text) => text.Split('\n')[0].TrimEnd('\r');

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string workingDirectory, string[] args, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Foundation.Deploy.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove(DeploymentTarget.ConnectionEnvironmentVariable);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, (await stdout).ReplaceLineEndings("\n"), (await stderr).ReplaceLineEndings("\n"));
    }
}
