using System.Text;

namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// Splits a script into the batches that sqlcmd and SSMS would send, at lines that hold only <c>GO</c>
/// (optionally followed by a repeat count or a <c>--</c> comment). A <c>GO</c> inside a block comment,
/// a string literal or a bracketed identifier that spans lines is text, not a separator.
/// </summary>
public static class SqlBatchSplitter
{
    public static IReadOnlyList<string> Split(string script)
    {
        ArgumentNullException.ThrowIfNull(script);

        var batches = new List<string>();
        var current = new StringBuilder();
        var state = LexState.Code;
        var commentDepth = 0;

        foreach (var line in ReadLines(script))
        {
            if (state == LexState.Code && TryReadSeparator(line, out var repeat))
            {
                var batch = current.ToString();
                for (var i = 0; i < repeat; i++)
                {
                    AddBatch(batches, batch);
                }

                current.Clear();
                continue;
            }

            current.Append(line).Append('\n');
            state = Scan(line, state, ref commentDepth);
        }

        AddBatch(batches, current.ToString());
        return batches;
    }

    private static void AddBatch(List<string> batches, string batch)
    {
        if (!string.IsNullOrWhiteSpace(batch))
        {
            batches.Add(batch.TrimEnd('\n', '\r'));
        }
    }

    private static IEnumerable<string> ReadLines(string script)
    {
        using var reader = new StringReader(script);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    /// <summary>A separator line: <c>GO</c>, <c>GO 3</c>, <c>GO -- comment</c>, any case, any surrounding blanks.</summary>
    private static bool TryReadSeparator(string line, out int repeat)
    {
        repeat = 1;
        var text = line.Trim();
        var comment = text.IndexOf("--", StringComparison.Ordinal);
        if (comment >= 0)
        {
            text = text[..comment].TrimEnd();
        }

        if (text.Length < 2 || !text.StartsWith("GO", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = text[2..];
        if (rest.Length == 0)
        {
            return true;
        }

        if (!char.IsWhiteSpace(rest[0]))
        {
            return false;
        }

        return int.TryParse(rest.Trim(), out repeat) && repeat > 0;
    }

    /// <summary>Follows comments, strings and bracketed identifiers through one line; returns the state at its end.</summary>
    private static LexState Scan(string line, LexState state, ref int commentDepth)
    {
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var next = i + 1 < line.Length ? line[i + 1] : '\0';
            switch (state)
            {
                case LexState.Code:
                    if (c == '-' && next == '-')
                    {
                        return LexState.Code;
                    }

                    if (c == '/' && next == '*')
                    {
                        state = LexState.BlockComment;
                        commentDepth = 1;
                        i++;
                    }
                    else if (c == '\'')
                    {
                        state = LexState.String;
                    }
                    else if (c == '[')
                    {
                        state = LexState.Bracket;
                    }
                    else if (c == '"')
                    {
                        state = LexState.QuotedIdentifier;
                    }

                    break;
                case LexState.BlockComment:
                    // T-SQL block comments nest.
                    if (c == '/' && next == '*')
                    {
                        commentDepth++;
                        i++;
                    }
                    else if (c == '*' && next == '/')
                    {
                        commentDepth--;
                        i++;
                        if (commentDepth == 0)
                        {
                            state = LexState.Code;
                        }
                    }

                    break;
                default:
                    var close = state switch
                    {
                        LexState.String => '\'',
                        LexState.Bracket => ']',
                        _ => '"',
                    };
                    if (c == close)
                    {
                        if (next == close)
                        {
                            i++; // doubled: an escaped quote or bracket
                        }
                        else
                        {
                            state = LexState.Code;
                        }
                    }

                    break;
            }
        }

        return state;
    }

    private enum LexState
    {
        Code,
        BlockComment,
        String,
        Bracket,
        QuotedIdentifier,
    }
}
