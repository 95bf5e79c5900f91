using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Deployment.Rehearsal;

/// <summary>
/// Small, robust edits of the project's object scripts for the rehearsal's variants, placed with ScriptDom rather than
/// text search, so that they keep working while the objects evolve: a column added first or last in a CREATE TABLE, a
/// comment added to a function's body (a change DacFx deploys as an ALTER FUNCTION, with everything schema-bound to it).
/// </summary>
public static class ScriptEdits
{
    /// <summary>Adds <paramref name="definition"/> after the last column of the table <paramref name="table"/> creates.</summary>
    public static string AddColumnLast(string script, string table, string definition)
    {
        var columns = Columns(script, table);
        var last = columns[^1];
        var at = last.StartOffset + last.FragmentLength;
        return script[..at] + ",\n    " + definition + script[at..];
    }

    /// <summary>Adds <paramref name="definition"/> before the first column: DacFx keeps column order by rebuilding the table.</summary>
    public static string AddColumnFirst(string script, string table, string definition)
    {
        var at = Columns(script, table)[0].StartOffset;
        return script[..at] + definition + ",\n    " + script[at..];
    }

    /// <summary>Replaces the definition of column <paramref name="column"/> of <paramref name="table"/>.</summary>
    public static string ReplaceColumn(string script, string table, string column, string definition)
    {
        var found = Columns(script, table).SingleOrDefault(c => c.ColumnIdentifier.Value.Equals(column, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"{table} has no column [{column}] in the script.");
        return script[..found.StartOffset] + definition + script[(found.StartOffset + found.FragmentLength)..];
    }

    /// <summary>Adds a comment right after the RETURN of the (first) function the script creates: a body change, nothing else.</summary>
    public static string CommentFunctionBody(string script, string comment)
    {
        var fragment = Parse(script);
        var token = fragment.ScriptTokenStream.FirstOrDefault(t => t.TokenType == TSqlTokenType.Return)
            ?? throw new InvalidOperationException("The script has no RETURN.");
        var at = token.Offset + token.Text.Length;
        return script[..at] + " /* " + comment + " */" + script[at..];
    }

    private static IList<ColumnDefinition> Columns(string script, string table)
    {
        var create = new List<CreateTableStatement>();
        Parse(script).Accept(new Collector(create));
        var statement = create.SingleOrDefault(c => $"[{c.SchemaObjectName.SchemaIdentifier?.Value}].[{c.SchemaObjectName.BaseIdentifier.Value}]".Equals(table, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"The script does not create {table}.");
        return statement.Definition.ColumnDefinitions;
    }

    private static TSqlFragment Parse(string script)
    {
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(script), out var errors);
        return errors.Count == 0 ? fragment : throw new InvalidOperationException("The script does not parse: " + errors[0].Message);
    }

    private sealed class Collector(List<CreateTableStatement> found) : TSqlFragmentVisitor
    {
        public override void Visit(CreateTableStatement node) => found.Add(node);
    }
}
