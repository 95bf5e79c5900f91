using Microsoft.SqlServer.Dac.Model;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Infrastructure;

/// <summary>
/// A table's CHECK constraints, as compiled into a model, applied offline to sample rows with
/// <see cref="CheckExpressionEvaluator"/>: which constraints would reject this row?
/// </summary>
public sealed class CheckedTable
{
    private readonly IReadOnlyDictionary<string, string> _columnTypes;

    private CheckedTable(string name, IReadOnlyDictionary<string, string> columnTypes, IReadOnlyDictionary<string, BooleanExpression> checks)
    {
        Name = name;
        _columnTypes = columnTypes;
        Checks = checks;
    }

    public string Name { get; }

    /// <summary>Constraint name (without schema) to its parsed expression.</summary>
    public IReadOnlyDictionary<string, BooleanExpression> Checks { get; }

    public static CheckedTable Load(TSqlModel model, string schema, string table)
    {
        var tableObject = model.GetObject(Table.TypeClass, new ObjectIdentifier(schema, table), DacQueryScopes.UserDefined)
            ?? throw new InvalidOperationException($"[{schema}].[{table}] is not in the model.");

        var columnTypes = tableObject.GetReferenced(Table.Columns).ToDictionary(
            c => c.Name.Parts[^1],
            c => c.GetReferenced(Column.DataType).FirstOrDefault()?.Name.Parts[^1] ?? "computed",
            StringComparer.OrdinalIgnoreCase);

        var checks = tableObject.GetReferencing(CheckConstraint.Host).ToDictionary(
            c => c.Name.Parts[^1],
            c => CheckExpressionEvaluator.Parse(c.GetProperty(CheckConstraint.Expression)?.ToString() ?? ""),
            StringComparer.Ordinal);

        return new CheckedTable($"[{schema}].[{table}]", columnTypes, checks);
    }

    /// <summary>
    /// The names of the CHECK constraints that evaluate to FALSE for the row. Columns the row leaves out are NULL;
    /// a column the table does not have is an error (a typo in a test must not pass for a NULL).
    /// </summary>
    public IReadOnlyList<string> Violations(IReadOnlyDictionary<string, object?> row)
    {
        foreach (var column in row.Keys.Where(k => !_columnTypes.ContainsKey(k)))
        {
            throw new ArgumentException($"{Name} has no column [{column}].", nameof(row));
        }

        var values = _columnTypes.ToDictionary(
            c => c.Key,
            c => row.TryGetValue(c.Key, out var value) ? SqlValue.ForColumn(c.Value, value) : SqlValue.Null,
            StringComparer.OrdinalIgnoreCase);

        var evaluator = new CheckExpressionEvaluator(values);
        return [.. Checks.Where(c => evaluator.Evaluate(c.Value) == false).Select(c => c.Key).Order(StringComparer.Ordinal)];
    }
}
