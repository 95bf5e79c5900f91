namespace Foundation.Database.Tests.Infrastructure;

/// <summary>What a child <c>dotnet</c> command returned: its exit code and everything it printed.</summary>
public sealed record BuildResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>True when MSBuild reported the target as up to date (needs normal verbosity or more).</summary>
    public bool Skipped(string target) => Output.Contains($"Skipping target \"{target}\"", StringComparison.Ordinal);
}
