namespace Foundation.Deploy.Cli;

/// <summary>What the tool tells its user. Tests substitute a recording implementation and read what a user would see.</summary>
public interface IConsoleOutput
{
    /// <summary>Normal output (reports, summaries): standard output.</summary>
    void WriteLine(string text);

    /// <summary>Errors and refusals: standard error.</summary>
    void WriteError(string text);

    /// <summary>
    /// What a long step is doing (loading, comparing, connecting, retrying): standard error, marked with the elapsed
    /// time, so that standard output stays the report and can be redirected to a file.
    /// </summary>
    void WriteProgress(string text);
}
