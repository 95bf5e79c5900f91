using System.Text;

namespace Foundation.Deploy.Cli;

/// <summary>A <see cref="TextWriter"/> that hands each complete line to an <see cref="IConsoleOutput"/> (for System.CommandLine's help output).</summary>
public sealed class ConsoleTextWriter(Action<string> writeLine) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            writeLine(_line.ToString().TrimEnd('\r'));
            _line.Clear();
        }
        else
        {
            _line.Append(value);
        }
    }

    public override void Flush()
    {
        if (_line.Length > 0)
        {
            writeLine(_line.ToString());
            _line.Clear();
        }
    }

    protected override void Dispose(bool disposing)
    {
        Flush();
        base.Dispose(disposing);
    }
}
