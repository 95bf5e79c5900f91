using System.Diagnostics;
using System.Globalization;

namespace Foundation.Deploy.Cli;

/// <summary>The real console: output to stdout; errors and progress to stderr (progress lines start with the elapsed time).</summary>
public sealed class SystemConsoleOutput : IConsoleOutput
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void WriteLine(string text) => Console.Out.WriteLine(text);

    public void WriteError(string text) => Console.Error.WriteLine(text);

    public void WriteProgress(string text) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:0.0}s] {text}"));
}
