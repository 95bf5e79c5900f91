using System.Text;
using System.Text.RegularExpressions;

namespace Foundation.Database.Tests.Pipeline;

/// <summary>
/// The commands a pipeline <c>script:</c> runs, read the way bash splits them: one per line and per <c>;</c>, <c>&amp;&amp;</c>,
/// <c>||</c> or <c>|</c> outside quotes, plus each <c>$(command ...)</c> substitution. Azure DevOps macros
/// (<c>$(Build.BuildNumber)</c>) are not commands. Assignments (<c>name=value</c>) and comment lines are skipped.
/// </summary>
public static partial class ShellCommands
{
    /// <summary>The first word of every command in the script.</summary>
    public static IReadOnlyList<string> Of(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var commands = new List<string>();
        foreach (var line in script.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            commands.AddRange(CommandSubstitution().Matches(line).Select(m => m.Groups["command"].Value));
            foreach (var segment in SplitOutsideQuotes(line))
            {
                var word = segment.Trim().Split(' ', 2)[0];
                if (word.Length > 0 && !Assignment().IsMatch(word))
                {
                    commands.Add(word);
                }
            }
        }

        return commands;
    }

    private static IEnumerable<string> SplitOutsideQuotes(string line)
    {
        var current = new StringBuilder();
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }

                current.Append(c);
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                current.Append(c);
            }
            else if (c is ';' or '|' or '&')
            {
                yield return current.ToString();
                current.Clear();
                while (i + 1 < line.Length && line[i + 1] is '|' or '&')
                {
                    i++;
                }
            }
            else
            {
                current.Append(c);
            }
        }

        yield return current.ToString();
    }

    [GeneratedRegex(@"\$\((?![\w.]+\))\s*(?<command>[\w.-]+)")]
    private static partial Regex CommandSubstitution();

    [GeneratedRegex(@"^\w+\+?=")]
    private static partial Regex Assignment();
}
