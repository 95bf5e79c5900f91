using System.Text;
using System.Text.RegularExpressions;

namespace Foundation.Database.Tests.Pipeline;

/// <summary>
/// The commands a pipeline <c>script:</c> runs, read the way bash splits them: a command per line and per <c>;</c>,
/// <c>&amp;&amp;</c>, <c>||</c> or <c>|</c> outside quotes (redirections such as <c>2&gt;&amp;1</c> do not split), plus each
/// <c>$(command ...)</c> substitution. Azure DevOps macros (<c>$(Build.BuildNumber)</c>: one word, no space) are not
/// commands. Leading assignments (<c>NAME=value</c>), shell keywords (<c>if</c>, <c>then</c>, <c>for ... in</c>,
/// <c>case ... in</c> and its <c>pattern)</c> labels) and comment lines are skipped; <c>sudo X</c> runs both sudo and X.
/// </summary>
public static partial class ShellCommands
{
    private static readonly HashSet<string> _prefixKeywords = new(StringComparer.Ordinal) { "if", "then", "else", "elif", "do", "while", "until", "!", "{", "}", "time" };
    private static readonly HashSet<string> _closingKeywords = new(StringComparer.Ordinal) { "fi", "done", "esac", ";;" };

    /// <summary>The first word of every command in the script, in order.</summary>
    public static IReadOnlyList<string> Of(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var commands = new List<string>();
        var inCase = 0;
        foreach (var segment in Segments(script, commands))
        {
            var words = Words(segment);
            if (words.Count > 0 && words[0] == "case")
            {
                inCase++;
                continue;
            }

            if (inCase > 0 && words.Count > 0 && words[0] == "esac")
            {
                inCase--;
                continue;
            }

            if (inCase > 0 && words.Count > 0 && CasePattern().IsMatch(words[0]))
            {
                words.RemoveAt(0);
            }

            AddCommand(words, commands);
        }

        return commands;
    }

    private static void AddCommand(List<string> words, List<string> commands)
    {
        var i = 0;
        while (i < words.Count && (_prefixKeywords.Contains(words[i]) || Assignment().IsMatch(words[i])))
        {
            i++;
        }

        if (i >= words.Count || _closingKeywords.Contains(words[i]) || words[i] == "for")
        {
            return;
        }

        commands.Add(words[i]);
        if (words[i] == "sudo")
        {
            AddCommand(words.Skip(i + 1).ToList(), commands);
        }
    }

    /// <summary>Splits the script into simple commands; command substitutions found on the way are read recursively.</summary>
    private static IEnumerable<string> Segments(string script, List<string> commands)
    {
        var current = new StringBuilder();
        var quote = '\0';
        for (var i = 0; i < script.Length; i++)
        {
            var c = script[i];
            if (quote == '\'')
            {
                quote = c == '\'' ? '\0' : quote;
                current.Append(c);
                continue;
            }

            if (c == '$' && i + 1 < script.Length && script[i + 1] == '(')
            {
                var end = ClosingParenthesis(script, i + 1);
                var inner = script[(i + 2)..end];
                if (!AzureMacro().IsMatch(inner))
                {
                    commands.AddRange(Of(inner));
                }

                current.Append("SUBSTITUTION");
                i = end;
                continue;
            }

            if (quote == '"')
            {
                quote = c == '"' ? '\0' : quote;
                current.Append(c);
                continue;
            }

            if (c is '"' or '\'')
            {
                quote = c;
                current.Append(c);
            }
            else if (c == '#' && (current.Length == 0 || char.IsWhiteSpace(current[^1])))
            {
                while (i + 1 < script.Length && script[i + 1] != '\n')
                {
                    i++;
                }
            }
            else if (c is '\n' or ';' or '|' || (c == '&' && !IsRedirection(script, i)))
            {
                if (c == ';' && i + 1 < script.Length && script[i + 1] == ';')
                {
                    i++;
                }

                yield return current.ToString();
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        yield return current.ToString();
    }

    private static bool IsRedirection(string script, int i) =>
        (i > 0 && script[i - 1] == '>') || (i + 1 < script.Length && script[i + 1] == '>');

    private static int ClosingParenthesis(string script, int open)
    {
        var depth = 0;
        for (var i = open; i < script.Length; i++)
        {
            depth += script[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0)
            {
                return i;
            }
        }

        throw new FormatException($"Unbalanced '$(' in a pipeline script: {script}");
    }

    private static List<string> Words(string segment)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var quote = '\0';
        foreach (var c in segment.Trim())
        {
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
                current.Append(c);
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                current.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    [GeneratedRegex(@"^[A-Za-z_][\w.]*$")]
    private static partial Regex AzureMacro();

    [GeneratedRegex(@"^\w+\+?=")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^[^()]*\)$")]
    private static partial Regex CasePattern();
}
