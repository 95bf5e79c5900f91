using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.TSqlt;

/// <summary>One tSQLt .sql file parsed with ScriptDom (SQL Server 2022 grammar), with any syntax errors it has.</summary>
public sealed class TSqltScriptFile
{
    private TSqltScriptFile(string path, string text, TSqlScript? script, IReadOnlyList<ParseError> errors)
    {
        Path = path;
        Text = text;
        Script = script;
        Errors = errors;
    }

    public string Path { get; }

    public string Text { get; }

    /// <summary>The parsed script; null only when the parser gave up.</summary>
    public TSqlScript? Script { get; }

    public IReadOnlyList<ParseError> Errors { get; }

    public static TSqltScriptFile Parse(string path)
    {
        var text = File.ReadAllText(path);
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(text);
        var fragment = parser.Parse(reader, out var errors);
        return new TSqltScriptFile(path, text, fragment as TSqlScript, errors.ToList());
    }

    public IEnumerable<TSqlStatement> Statements =>
        Script?.Batches.SelectMany(batch => batch.Statements) ?? [];

    /// <summary>"file(line,column): message" for each syntax error.</summary>
    public IEnumerable<string> DescribeErrors() =>
        Errors.Select(error => $"{Path}({error.Line},{error.Column}): SQL{error.Number}: {error.Message}");
}
