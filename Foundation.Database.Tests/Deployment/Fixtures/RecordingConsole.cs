using Foundation.Deploy.Cli;

namespace Foundation.Database.Tests.Deployment.Fixtures;

/// <summary>Records what the tool prints, so tests read what a user would see.</summary>
public sealed class RecordingConsole : IConsoleOutput
{
    private readonly List<string> _output = [];
    private readonly List<string> _errors = [];
    private readonly List<string> _progress = [];

    public string Output => string.Join('\n', _output);

    public string Errors => string.Join('\n', _errors);

    /// <summary>The first error line: the one that must name the file, option or object at fault.</summary>
    public string FirstError => _errors.Count == 0 ? string.Empty : _errors[0].Split('\n')[0];

    public string Progress => string.Join('\n', _progress);

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

    public void WriteProgress(string text)
    {
        lock (_progress)
        {
            _progress.Add(text);
        }
    }
}
