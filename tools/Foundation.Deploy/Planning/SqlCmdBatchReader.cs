using System.Text;
using System.Text.RegularExpressions;

namespace Foundation.Deploy.Planning;

/// <summary>
/// Reads a SQLCMD-mode script (what DacFx generates) the way sqlcmd does, line by line: a line that is <c>GO</c> (with an
/// optional count) ends a batch, a line that starts with <c>:</c> is a command (<c>:setvar Name "Value"</c>,
/// <c>:on error exit|ignore</c>), and <c>$(Name)</c> is replaced, as the line is read, by the variable's current value.
/// Strings, bracketed names and comments are tracked, so a <c>GO</c> or <c>:</c> inside them is text. Anything else
/// sqlcmd knows (<c>:r</c>, <c>:connect</c>, <c>!!</c>, ...) and an unset variable are errors naming the line: the whole
/// script is read before any of it runs, so a bad script changes nothing.
/// </summary>
public static partial class SqlCmdBatchReader
{
    /// <summary>
    /// One batch as read: its raw text (SQLCMD command lines included, variables not replaced), the T-SQL to run (commands
    /// left out, variables replaced), where it starts, and how often it runs (<c>GO n</c>).
    /// </summary>
    public sealed record Batch(int Index, int StartLine, string RawText, string Text, int Repeat);

    /// <summary>The batches in order and what the script's commands left set.</summary>
    public sealed record Result(IReadOnlyList<Batch> Batches, IReadOnlyDictionary<string, string> Variables, bool ExitOnError);

    /// <summary>
    /// Reads <paramref name="script"/>. <paramref name="overrides"/> win over the script's own <c>:setvar</c> for the same
    /// name (Foundation.Deploy uses that for values known only after the plan, the report hash).
    /// </summary>
    public static Result Read(string script, IReadOnlyDictionary<string, string>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(script);
        var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var fixedValues = overrides ?? new Dictionary<string, string>();
        foreach (var (name, value) in fixedValues)
        {
            variables[name] = value;
        }

        var batches = new List<Batch>();
        var raw = new StringBuilder();
        var text = new StringBuilder();
        var state = new LexState();
        var exitOnError = true;
        var start = 1;
        var lines = script.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var lineNumber = i + 1;
            if (state.AtStatementLevel && GoLine().Match(line) is { Success: true } go)
            {
                var repeat = go.Groups["count"].Success ? int.Parse(go.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;
                batches.Add(new Batch(batches.Count, start, raw.ToString(), text.ToString(), repeat));
                raw.Clear();
                text.Clear();
                start = lineNumber + 1;
                continue;
            }

            if (state.AtStatementLevel && line.TrimStart().StartsWith(':'))
            {
                exitOnError = Command(line.Trim(), lineNumber, variables, fixedValues, exitOnError);
                raw.Append(line).Append('\n');
                continue;
            }

            if (state.AtStatementLevel && line.TrimStart().StartsWith("!!", StringComparison.Ordinal))
            {
                throw Unsupported(lineNumber, "!! (operating-system command)");
            }

            raw.Append(line).Append('\n');
            text.Append(Substitute(line, lineNumber, variables)).Append('\n');
            state.Advance(line);
        }

        if (raw.ToString().Trim().Length > 0)
        {
            batches.Add(new Batch(batches.Count, start, raw.ToString(), text.ToString(), 1));
        }

        return new Result(batches, variables, exitOnError);
    }

    /// <summary>Every <c>$(Name)</c> in a script mapped to itself: for reading a script's batches without its values.</summary>
    public static Dictionary<string, string> VariablesAsThemselves(string script) =>
        Variable().Matches(script).Select(m => m.Groups["name"].Value).Distinct(StringComparer.OrdinalIgnoreCase)
            .ToDictionary(n => n, n => $"$({n})", StringComparer.OrdinalIgnoreCase);

    private static bool Command(string line, int lineNumber, Dictionary<string, string> variables, IReadOnlyDictionary<string, string> fixedValues, bool exitOnError)
    {
        if (SetVar().Match(line) is { Success: true } setVar)
        {
            var name = setVar.Groups["name"].Value;
            if (!fixedValues.ContainsKey(name))
            {
                variables[name] = setVar.Groups["value"].Value;
            }

            return exitOnError;
        }

        if (OnError().Match(line) is { Success: true } onError)
        {
            return onError.Groups["mode"].Value.Equals("exit", StringComparison.OrdinalIgnoreCase);
        }

        throw Unsupported(lineNumber, line.Split(' ', 2)[0]);
    }

    private static string Substitute(string line, int lineNumber, Dictionary<string, string> variables) =>
        Variable().Replace(line, match => variables.TryGetValue(match.Groups["name"].Value, out var value)
            ? value
            : throw new DeployToolException(ExitCode.InvalidInput, $"Deployment script line {lineNumber}: the SQLCMD variable '{match.Groups["name"].Value}' is not set. Nothing was run."));

    private static DeployToolException Unsupported(int lineNumber, string command) =>
        new(ExitCode.InvalidInput, $"Deployment script line {lineNumber}: the SQLCMD command '{command}' is not supported by Foundation.Deploy's executor (only :setvar and :on error). Nothing was run.");

    [GeneratedRegex(@"^\s*GO(?:\s+(?<count>\d+))?\s*(?:--.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex GoLine();

    [GeneratedRegex("""^:setvar\s+(?<name>\w+)(?:\s+(?:"(?<value>(?:[^"]|"")*)"|(?<value>\S+)))?\s*$""", RegexOptions.IgnoreCase)]
    private static partial Regex SetVar();

    [GeneratedRegex(@"^:on\s+error\s+(?<mode>exit|ignore)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex OnError();

    [GeneratedRegex(@"\$\((?<name>[A-Za-z_][\w]*)\)")]
    private static partial Regex Variable();

    /// <summary>Whether the reader is inside a string, a bracketed name or a block comment at the end of a line.</summary>
    private sealed class LexState
    {
        private bool _inString;
        private bool _inBracket;
        private int _commentDepth;

        public bool AtStatementLevel => !_inString && !_inBracket && _commentDepth == 0;

        public void Advance(string line)
        {
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                var next = i + 1 < line.Length ? line[i + 1] : '\0';
                if (_commentDepth > 0)
                {
                    if (c == '*' && next == '/') { _commentDepth--; i++; }
                    else if (c == '/' && next == '*') { _commentDepth++; i++; }
                }
                else if (_inString)
                {
                    if (c == '\'' && next == '\'') { i++; }
                    else if (c == '\'') { _inString = false; }
                }
                else if (_inBracket)
                {
                    if (c == ']' && next == ']') { i++; }
                    else if (c == ']') { _inBracket = false; }
                }
                else if (c == '-' && next == '-')
                {
                    return;
                }
                else if (c == '/' && next == '*') { _commentDepth = 1; i++; }
                else if (c == '\'') { _inString = true; }
                else if (c == '[') { _inBracket = true; }
            }
        }
    }
}
