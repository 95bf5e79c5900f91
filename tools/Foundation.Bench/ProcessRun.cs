namespace Foundation.Bench;

/// <summary>What one child process did: exit code, wall time, the peak resident memory of its process tree, and its output.</summary>
public sealed record ProcessRun(int ExitCode, TimeSpan Elapsed, long PeakTreeRssBytes, string Output)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last lines of the output, for an error message.</summary>
    public string Tail(int lines = 30) =>
        string.Join(Environment.NewLine, Output.Split('\n').TakeLast(lines));
}
