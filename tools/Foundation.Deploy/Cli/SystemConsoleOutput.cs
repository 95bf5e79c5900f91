namespace Foundation.Deploy.Cli;

/// <summary>The real console: output to stdout, errors to stderr.</summary>
public sealed class SystemConsoleOutput : IConsoleOutput
{
    public void WriteLine(string text) => Console.Out.WriteLine(text);

    public void WriteError(string text) => Console.Error.WriteLine(text);
}
