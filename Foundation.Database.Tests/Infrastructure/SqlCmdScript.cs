using System.Text;
using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Infrastructure;

/// <summary>
/// SQLCMD-mode scripts, the one implementation for the whole test project. Two readings of the same commands:
/// <list type="bullet">
/// <item><see cref="Expand(string, IReadOnlyDictionary{string, string})"/> does what sqlcmd does, so that the tSQLt harness
/// deploys exactly what a DBA deploys: <c>:r</c> includes a file, <c>$(Name)</c> is replaced by a variable (an unset one is
/// an error), <c>:setvar</c> sets one (over a value the caller gave, as over <c>sqlcmd -v</c>), <c>:on error</c> is ignored;</item>
/// <item><see cref="ExpandForParsing"/> makes a deploy script (Script.PostDeployment.sql) parseable by ScriptDom without
/// values: includes are inlined, <c>:setvar</c>/<c>:on error</c> lines dropped and each <c>$(Variable)</c> becomes the
/// placeholder identifier <c>SqlCmdVariable_Variable</c>.</item>
/// </list>
/// Include paths are relative to the including file; both <c>\</c> and <c>/</c> separate folders.
/// </summary>
public static partial class SqlCmdScript
{
    private const int MaximumDepth = 16;

    /// <summary>Returns the script with every include inlined and every variable replaced, as sqlcmd runs it.</summary>
    public static string Expand(string path, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(variables);
        var values = new Dictionary<string, string>(variables, StringComparer.OrdinalIgnoreCase);
        var output = new StringBuilder();
        Expand(Path.GetFullPath(path), values, output, depth: 0, placeholders: false);
        return output.ToString();
    }

    /// <summary>The script with every include inlined and each <c>$(Variable)</c> as a placeholder identifier, for parsing.</summary>
    public static string ExpandForParsing(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var output = new StringBuilder();
        Expand(Path.GetFullPath(path), new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase), output, depth: 0, placeholders: true);
        return output.ToString();
    }

    /// <summary>The files that a script includes with <c>:r</c> (not recursively), in order, as absolute paths, with variables replaced.</summary>
    public static IReadOnlyList<string> Includes(string path, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(variables);
        var values = new Dictionary<string, string>(variables, StringComparer.OrdinalIgnoreCase);
        var fullPath = Path.GetFullPath(path);
        var includes = new List<string>();
        foreach (var line in File.ReadLines(fullPath))
        {
            if (SetVarCommand().Match(line) is { Success: true } setVar)
            {
                values[setVar.Groups["name"].Value] = setVar.Groups["value"].Value;
            }
            else if (IncludeCommand().Match(line) is { Success: true } include)
            {
                includes.Add(ResolveInclude(fullPath, Substitute(include.Groups["path"].Value, values)));
            }
        }

        return includes;
    }

    /// <summary>The files a script includes with <c>:r</c>, for a script whose include paths use no variables.</summary>
    public static IReadOnlyList<string> Includes(string path) => Includes(path, new Dictionary<string, string>());

    /// <summary>Parses T-SQL with the SQL Server 2022 parser; a script that does not parse is an error naming the first problem.</summary>
    public static TSqlScript Parse(string sql)
    {
        var script = Parse(sql, out var errors);
        return errors.Count == 0
            ? script
            : throw new InvalidOperationException($"The script does not parse: {errors[0].Message} (line {errors[0].Line}).");
    }

    /// <summary>Parses T-SQL (batches separated by GO) with the SQL Server 2022 parser.</summary>
    public static TSqlScript Parse(string sql, out IList<ParseError> errors)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        return (TSqlScript)parser.Parse(reader, out errors);
    }

    private static void Expand(string path, Dictionary<string, string> values, StringBuilder output, int depth, bool placeholders)
    {
        if (depth > MaximumDepth)
        {
            throw new InvalidOperationException($"Includes nest deeper than {MaximumDepth} levels at '{path}'.");
        }

        foreach (var line in File.ReadLines(path))
        {
            if (SetVarCommand().Match(line) is { Success: true } setVar)
            {
                values[setVar.Groups["name"].Value] = setVar.Groups["value"].Value;
            }
            else if (IncludeCommand().Match(line) is { Success: true } include)
            {
                var included = ResolveInclude(path, Substitute(include.Groups["path"].Value, values));
                Expand(included, values, output, depth + 1, placeholders);
            }
            else if (OnErrorCommand().IsMatch(line))
            {
                // sqlcmd's ":on error exit"; the harness stops at the first failing batch anyway.
            }
            else
            {
                output.Append(placeholders ? Variable().Replace(line, m => "SqlCmdVariable_" + m.Groups["name"].Value) : Substitute(line, values)).Append('\n');
            }
        }
    }

    private static string ResolveInclude(string includingFile, string target)
    {
        var normalised = target.Replace('\\', Path.DirectorySeparatorChar).Replace('/', Path.DirectorySeparatorChar);
        var resolved = Path.IsPathRooted(normalised)
            ? normalised
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(includingFile)!, normalised));
        return File.Exists(resolved)
            ? resolved
            : throw new FileNotFoundException($"'{includingFile}' includes '{target}', which does not exist.", resolved);
    }

    private static string Substitute(string text, Dictionary<string, string> values) =>
        Variable().Replace(text, match => values.TryGetValue(match.Groups["name"].Value, out var value)
            ? value
            : throw new InvalidOperationException($"The sqlcmd variable '{match.Groups["name"].Value}' is not set."));

    [GeneratedRegex("""^\s*:r\s+(?:"(?<path>[^"]+)"|(?<path>\S+))\s*$""", RegexOptions.IgnoreCase)]
    private static partial Regex IncludeCommand();

    [GeneratedRegex("""^\s*:setvar\s+(?<name>\w+)\s+(?:"(?<value>[^"]*)"|(?<value>\S+))\s*$""", RegexOptions.IgnoreCase)]
    private static partial Regex SetVarCommand();

    [GeneratedRegex(@"^\s*:on\s+error\s+(exit|ignore)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex OnErrorCommand();

    [GeneratedRegex(@"\$\((?<name>\w+)\)")]
    private static partial Regex Variable();
}
