using System.Text;
using System.Text.RegularExpressions;

namespace Foundation.Deploy.Reporting;

/// <summary>
/// Puts arbitrary text (DacFx messages, object names, reasons from an allowances file) into Markdown without it
/// changing the document's structure: no broken table rows, no stray emphasis, links, HTML or headings (CommonMark
/// 0.31 and GitHub Flavored Markdown rules).
/// </summary>
public static partial class MarkdownText
{
    // ASCII punctuation that starts inline structure wherever it appears (CommonMark 2.4 allows \ before any of it).
    private const string AlwaysEscaped = "\\`*<|~&";

    /// <summary>
    /// Text for a table cell or a list item, on one line, that still reads well raw (the report is also read in a
    /// terminal). Line breaks become spaces; <c>\ ` * &lt; | ~ &amp;</c> are backslash-escaped; <c>_</c> only at a word
    /// boundary (inside a word it is never emphasis in GFM, so <c>usp_ValidateData</c> stays as it is); <c>]</c> only
    /// where it would close a link (before <c>(</c>, <c>[</c> or <c>:</c>), so <c>[Identity].[Users]</c> stays too; and
    /// a leading <c>#</c>, <c>&gt;</c>, <c>-</c>, <c>+</c>, <c>=</c>, <c>1.</c>, <c>[ ]</c> or <c>[label]:</c> that
    /// would start a block, a task-list box or a link definition inside a list item.
    /// </summary>
    public static string Inline(string? text)
    {
        var flat = OneLine(text);
        var escaped = new StringBuilder(flat.Length + 8);
        for (var i = 0; i < flat.Length; i++)
        {
            var c = flat[i];
            var atBoundary = i == 0 || i == flat.Length - 1 || !char.IsLetterOrDigit(flat[i - 1]) || !char.IsLetterOrDigit(flat[i + 1]);
            var closesLink = c == ']' && i + 1 < flat.Length && flat[i + 1] is '(' or '[' or ':';
            if (AlwaysEscaped.Contains(c, StringComparison.Ordinal) || (c == '_' && atBoundary) || closesLink)
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        var result = escaped.ToString();
        return BlockStart().IsMatch(result) ? "\\" + result : result;
    }

    /// <summary>
    /// A code span holding <paramref name="text"/> verbatim: a fence of more backticks than the longest run inside,
    /// padded when the text starts or ends with a backtick. In a table (<paramref name="inTable"/>) a <c>|</c> is
    /// written <c>\|</c>, which GFM's table parser turns back into <c>|</c> before the code span is read.
    /// </summary>
    public static string Code(string? text, bool inTable = true)
    {
        var flat = OneLine(text);
        var longest = BacktickRuns().Matches(flat).Select(m => m.Length).DefaultIfEmpty(0).Max();
        var fence = new string('`', longest + 1);
        var pad = flat.StartsWith('`') || flat.EndsWith('`') || (flat.StartsWith(' ') && flat.EndsWith(' ') && flat.Trim().Length > 0) ? " " : string.Empty;
        var body = inTable ? flat.Replace("|", "\\|", StringComparison.Ordinal) : flat;
        return $"{fence}{pad}{body}{pad}{fence}";
    }

    private static string OneLine(string? text) =>
        (text ?? string.Empty).Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' ');

    [GeneratedRegex("`+")]
    private static partial Regex BacktickRuns();

    // After escaping: a heading, quote, list marker, setext underline or ordered-list number at the very start.
    [GeneratedRegex(@"^(#|>|-|\+|=|\[[ xX]\]|\[[^\]]*\]:|\d{1,9}[.)](\s|$))")]
    private static partial Regex BlockStart();
}
