using Foundation.Database.Tests.Infrastructure;
using Microsoft.SqlServer.Dac.Model;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Index = Microsoft.SqlServer.Dac.Model.Index;

namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// What the tSQLt rules need to know of the schema, read once from the built model: every table with its columns,
/// constraints and unique indexes, and the tables that a schema-bound security policy targets (read from the
/// policies' predicates, never from policy names, so it holds however the policies are split).
/// Table names are bracketed two-part names, "[Identity].[Users]".
/// </summary>
public sealed class SchemaFacts
{
    private readonly Dictionary<string, TableFacts> _tables;
    private readonly Dictionary<string, List<ConstraintFacts>> _constraintsByName;

    private SchemaFacts(Dictionary<string, TableFacts> tables, IReadOnlyDictionary<string, IReadOnlyList<string>> policyTargets)
    {
        _tables = tables;
        PolicyTargets = policyTargets;
        _constraintsByName = tables.Values
            .SelectMany(table => table.Constraints)
            .GroupBy(constraint => constraint.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.ToList(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Each table a schema-bound security policy targets, with the names of those policies.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> PolicyTargets { get; }

    public TableFacts? FindTable(string name) => _tables.GetValueOrDefault(name);

    /// <summary>The constraints and unique indexes of that name (unqualified, as a test names them).</summary>
    public IReadOnlyList<ConstraintFacts> Constraints(string name) =>
        _constraintsByName.TryGetValue(name, out var found) ? found : [];

    /// <summary>The constraints and unique indexes whose names occur in <paramref name="text"/> as whole words (an error message pattern).</summary>
    public IReadOnlyList<ConstraintFacts> ConstraintsNamedIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. _constraintsByName
            .Where(pair => ContainsWord(text, pair.Key))
            .SelectMany(pair => pair.Value)];
    }

    public static SchemaFacts Read(TSqlModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tables = model.GetObjects(DacQueryScopes.UserDefined, Microsoft.SqlServer.Dac.Model.Table.TypeClass)
            .ToDictionary(table => table.Name.ToString(), ReadTable, StringComparer.OrdinalIgnoreCase);

        var policyTargets = model.GetObjects(DacQueryScopes.UserDefined, SecurityPolicy.TypeClass)
            .Where(policy => policy.GetProperty<bool>(SecurityPolicy.IsSchemaBound))
            .SelectMany(policy => policy.GetReferenced(SecurityPolicy.Predicates)
                .SelectMany(predicate => predicate.GetReferenced(SecurityPredicate.TargetObject))
                .Select(target => (Target: target.Name.ToString(), Policy: policy.Name.ToString())))
            .GroupBy(pair => pair.Target, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(
                group => group.Key,
                group => (IReadOnlyList<string>)[.. group.Select(pair => pair.Policy).Distinct(StringComparer.OrdinalIgnoreCase)],
                StringComparer.OrdinalIgnoreCase);

        return new SchemaFacts(tables, policyTargets);
    }

    private static TableFacts ReadTable(TSqlObject table)
    {
        var name = table.Name.ToString();
        var defaults = table.GetReferencing(DefaultConstraint.Host)
            .SelectMany(constraint => constraint.GetReferenced(DefaultConstraint.TargetColumn)
                .Select(column => (Column: column.Name.Parts[^1], Expression: constraint.GetProperty(DefaultConstraint.Expression)?.ToString())))
            .ToDictionary(pair => pair.Column, pair => pair.Expression, StringComparer.OrdinalIgnoreCase);

        var columns = table.GetReferenced(Microsoft.SqlServer.Dac.Model.Table.Columns)
            .Select(column =>
            {
                var columnName = column.Name.Parts[^1];
                var typeName = column.GetReferenced(Column.DataType).FirstOrDefault()?.Name.Parts[^1] ?? "computed";
                var identity = column.GetProperty<bool>(Column.IsIdentity);
                var engineFilled = identity
                    || column.GetProperty(Column.GeneratedAlwaysType) is int generated && generated != 0 // 1 row start, 2 row end
                    || typeName is "timestamp" or "rowversion";
                return new ColumnFacts(
                    columnName,
                    typeName,
                    ModelColumns.IsNullable(column),
                    ModelColumns.IsComputed(column),
                    identity,
                    engineFilled,
                    defaults.GetValueOrDefault(columnName));
            })
            .ToList();

        var constraints = new List<ConstraintFacts>();
        constraints.AddRange(table.GetReferencing(CheckConstraint.Host).Select(check =>
        {
            var expression = TryParse(check.GetProperty(CheckConstraint.Expression)?.ToString());
            return new ConstraintFacts(
                check.Name.Parts[^1],
                ConstraintKind.Check,
                name,
                expression is null ? [] : ColumnsReadBy(expression),
                Check: expression);
        }));
        constraints.AddRange(table.GetReferencing(PrimaryKeyConstraint.Host).Select(key =>
            new ConstraintFacts(key.Name.Parts[^1], ConstraintKind.PrimaryKey, name, Names(key.GetReferenced(PrimaryKeyConstraint.Columns)))));
        constraints.AddRange(table.GetReferencing(UniqueConstraint.Host).Select(key =>
            new ConstraintFacts(key.Name.Parts[^1], ConstraintKind.Unique, name, Names(key.GetReferenced(UniqueConstraint.Columns)))));
        constraints.AddRange(table.GetReferencing(ForeignKeyConstraint.Host).Select(key =>
            new ConstraintFacts(
                key.Name.Parts[^1],
                ConstraintKind.ForeignKey,
                name,
                Names(key.GetReferenced(ForeignKeyConstraint.Columns)),
                key.GetReferenced(ForeignKeyConstraint.ForeignTable).FirstOrDefault()?.Name.ToString(),
                Names(key.GetReferenced(ForeignKeyConstraint.ForeignColumns)))));
        constraints.AddRange(table.GetReferencing(Index.IndexedObject)
            .Where(index => index.ObjectType == Index.TypeClass && index.GetProperty<bool>(Index.Unique))
            .Select(index => new ConstraintFacts(
                index.Name.Parts[^1],
                ConstraintKind.UniqueIndex,
                name,
                Names(index.GetReferenced(Index.Columns)),
                Filter: index.GetProperty(Index.FilterPredicate)?.ToString())));

        return new TableFacts(name, columns, constraints);
    }

    private static List<string> Names(IEnumerable<TSqlObject> columns) => [.. columns.Select(column => column.Name.Parts[^1])];

    private static BooleanExpression? TryParse(string? expression)
    {
        try
        {
            return expression is null ? null : CheckExpressionEvaluator.Parse(expression);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static List<string> ColumnsReadBy(BooleanExpression expression)
    {
        return [.. FragmentCollector.Collect<ColumnReferenceExpression>(expression)
            .Select(column => column.MultiPartIdentifier.Identifiers[^1].Value)
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static bool ContainsWord(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var before = at == 0 ? ' ' : text[at - 1];
            var after = at + word.Length >= text.Length ? ' ' : text[at + word.Length];
            if (!IsNamePart(before) && !IsNamePart(after))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c == '_';
}
