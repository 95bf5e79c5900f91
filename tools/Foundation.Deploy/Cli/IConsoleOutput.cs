namespace Foundation.Deploy.Cli;

/// <summary>What the tool tells its user. Tests substitute a recording implementation and read what a user would see.</summary>
public interface IConsoleOutput
{
    /// <summary>Normal output (reports, summaries): standard output.</summary>
    void WriteLine(string text);

    /// <summary>Errors and refusals: standard error.</summary>
    void WriteError(string text);
}
