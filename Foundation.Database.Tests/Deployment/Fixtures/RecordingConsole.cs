using Foundation.Deploy.Cli;

namespace Foundation.Database.Tests.Deployment.Fixtures;

/// <summary>Records what the tool prints, so tests read what a user would see.</summary>
public sealed class RecordingConsole : IConsoleOutput
{
    private readonly List<string> _output = [];
    private readonly List<string> _errors = [];

    public string Output => string.Join('\n', _output);

    public string Errors => string.Join('\n', _errors);

    public void WriteLine(string text)
    {
        lock (_output)
        {
            _output.Add(text);
        }
    }

    public void WriteError(string text)
    {
        lock (_errors)
        {
            _errors.Add(text);
        }
    }
}
