using System.Text;

namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// Splits an object name given as a string ('Identity.Users', '[Identity].[Users]') into its parts,
/// as SQL Server's PARSENAME does: brackets and double quotes delimit, <c>]]</c> escapes a bracket.
/// </summary>
public static class MultipartName
{
    /// <summary>The unquoted parts, or null when the text is not a well-formed name of one to four parts.</summary>
    public static IReadOnlyList<string>? Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var i = 0;
        text = text.Trim();
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '[' or '"' && current.Length == 0 && !quoted)
            {
                var close = c == '[' ? ']' : '"';
                var end = i + 1;
                while (true)
                {
                    end = text.IndexOf(close, end);
                    if (end < 0)
                    {
                        return null;
                    }

                    if (end + 1 < text.Length && text[end + 1] == close)
                    {
                        end += 2;
                        continue;
                    }

                    break;
                }

                current.Append(text[(i + 1)..end].Replace($"{close}{close}", close.ToString(), StringComparison.Ordinal));
                quoted = true;
                i = end + 1;
            }
            else if (c == '.')
            {
                parts.Add(current.ToString());
                current.Clear();
                quoted = false;
                i++;
            }
            else if (quoted)
            {
                return null; // text after a closing delimiter, before the dot
            }
            else
            {
                current.Append(c);
                i++;
            }
        }

        parts.Add(current.ToString());
        return parts.Count is >= 1 and <= 4 && parts.All(part => part.Length > 0) ? parts : null;
    }
}
