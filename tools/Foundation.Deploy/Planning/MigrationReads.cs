using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Deploy.Planning;

/// <summary>
/// What a data migration's script names: the tables (<c>[Schema].[Table]</c>) and every column-like identifier. Used for
/// expand/contract: an up migration runs after the schema change, so a release that drops a column or table one of its
/// unapplied migrations names would run that migration against a schema that lost the data. The match is deliberately
/// wide (a column name anywhere in a script that names the table): a false alarm costs a second release, a miss loses data.
/// </summary>
public sealed class MigrationReads
{
    private MigrationReads(IReadOnlySet<string> tables, IReadOnlySet<string> identifiers)
    {
        Tables = tables;
        Identifiers = identifiers;
    }

    /// <summary>Tables the script names, as <c>[Schema].[Table]</c> (dbo when unqualified).</summary>
    public IReadOnlySet<string> Tables { get; }

    /// <summary>Every single-part identifier and the last part of every multi-part one.</summary>
    public IReadOnlySet<string> Identifiers { get; }

    public static MigrationReads Of(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out _);
        var visitor = new Visitor();
        fragment?.Accept(visitor);
        return new MigrationReads(visitor.Tables, visitor.Identifiers);
    }

    /// <summary>Whether the script may read <paramref name="objectName"/>: a table <c>[S].[T]</c> or a column <c>[S].[T].[C]</c>.</summary>
    public bool Reads(string objectName)
    {
        var parts = ObjectNames.Parts(objectName);
        if (parts.Count < 2 || !Tables.Contains(ObjectNames.Quote(parts.Take(2))))
        {
            return false;
        }

        return parts.Count == 2 || Identifiers.Contains(parts[2]);
    }

    private sealed class Visitor : TSqlFragmentVisitor
    {
        public HashSet<string> Tables { get; } = new(StringComparer.OrdinalIgnoreCase);

        public HashSet<string> Identifiers { get; } = new(StringComparer.OrdinalIgnoreCase);

        public override void Visit(SchemaObjectName node) =>
            Tables.Add(ObjectNames.Quote(node.SchemaIdentifier?.Value ?? "dbo", node.BaseIdentifier.Value));

        public override void Visit(Identifier node) => Identifiers.Add(node.Value);
    }
}
