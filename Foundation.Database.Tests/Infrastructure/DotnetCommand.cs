using System.Diagnostics;

namespace Foundation.Database.Tests.Infrastructure;

/// <summary>
/// Runs the <c>dotnet</c> CLI as a child process, as a developer would from a shell, and returns what it printed.
/// The MSBuild variables that <c>dotnet test</c> sets for the test host are removed, so that the child behaves like a
/// fresh command line; a run that outlives its time-out is killed with its process tree.
/// </summary>
public static class DotnetCommand
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>A start description for <c>dotnet &lt;arguments&gt;</c> in <paramref name="workingDirectory"/>.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Whatever the test host inherited from `dotnet test` (MSBUILDDISABLENODEREUSE among it) must not leak into the child.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k == "UseSharedCompilation").ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        return start;
    }

    public static Task<BuildResult> RunAsync(string workingDirectory, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(StartInfo(workingDirectory, arguments), DefaultTimeout, cancellationToken);

    public static async Task<BuildResult> RunAsync(ProcessStartInfo start, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}.");
        }

        return new BuildResult(process.ExitCode, await stdout + await stderr);
    }
}
