using Foundation.Database.Tests.Infrastructure;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// What a test's steps have made of the tables so far, as far as it can be known offline: which tables are faked (and
/// with which FakeTable options), which constraints were applied to each fake, and the rows the test inserted with
/// literal values. A fake starts empty, so its rows are all known until a step that cannot be followed (an INSERT ...
/// SELECT, an UPDATE, a DELETE, a call to a procedure); a real table's other rows are never known.
/// <see cref="Insert"/> returns the rules that an INSERT's rows certainly break: NOT NULL (515), CHECK (547), a FOREIGN
/// KEY into an empty faked table (547), a duplicate key among the rows the test inserted (2627 or 2601).
/// </summary>
public sealed class TestDataState(SchemaFacts schema)
{
    private readonly Dictionary<string, (bool Identity, bool Computed, bool Defaults)> _fakes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<string>> _applied = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<Dictionary<string, SqlValue?>>> _rows = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _unfollowed = new(StringComparer.OrdinalIgnoreCase);

    public void Fake(string table, bool identity, bool computed, bool defaults)
    {
        _fakes[table] = (identity, computed, defaults);
        _applied[table] = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        _rows[table] = [];
        _unfollowed.Remove(table);
    }

    public void Apply(string table, string constraint)
    {
        if (_applied.TryGetValue(table, out var applied))
        {
            applied.Add(constraint);
        }
    }

    /// <summary>A step changed <paramref name="table"/> in a way that cannot be followed; null: any table.</summary>
    public void Forget(string? table)
    {
        foreach (var name in table is null ? _rows.Keys.ToList() : [table])
        {
            _rows[name] = [];
            _unfollowed.Add(name);
        }
    }

    /// <summary>The rules the INSERT's rows certainly break (empty when none, or when it cannot be known).</summary>
    public IReadOnlyList<DataViolation> Insert(InsertStatement insert)
    {
        ArgumentNullException.ThrowIfNull(insert);
        var specification = insert.InsertSpecification;
        if (specification.Target is not NamedTableReference { SchemaObject: var target } || target.BaseIdentifier.Value.StartsWith('#'))
        {
            return [];
        }

        var tableName = $"[{target.SchemaIdentifier?.Value ?? "dbo"}].[{target.BaseIdentifier.Value}]";
        if (schema.FindTable(tableName) is not { } table)
        {
            return [];
        }

        tableName = table.Name;
        var columns = specification.Columns.Select(column => column.MultiPartIdentifier.Identifiers[^1].Value).ToList();
        if (columns.Count == 0 || columns.Any(column => table.Column(column) is null))
        {
            Forget(tableName);
            return [];
        }

        var rows = specification.InsertSource is ValuesInsertSource values
            ? values.RowValues.Select(row => row.ColumnValues).ToList()
            : null;
        if (rows is null || rows.Any(row => row.Count != columns.Count))
        {
            // INSERT ... SELECT or EXEC: how many rows and which values is not known, but which columns are left out is.
            Forget(tableName);
            return [.. NotNullViolations(table, Values(table, columns, null))];
        }

        var violations = new List<DataViolation>();
        foreach (var row in rows)
        {
            var rowValues = Values(table, columns, row);
            violations.AddRange(NotNullViolations(table, rowValues));
            violations.AddRange(ConstraintViolations(table, rowValues));
            _rows.TryAdd(tableName, []);
            _rows[tableName].Add(rowValues);
        }

        return [.. violations.DistinctBy(violation => violation.Description)];
    }

    private bool IsFake(string table) => _fakes.ContainsKey(table);

    private IEnumerable<ConstraintFacts> ActiveConstraints(TableFacts table) =>
        IsFake(table.Name)
            ? table.Constraints.Where(constraint => _applied[table.Name].Contains(constraint.Name))
            : table.Constraints;

    private Dictionary<string, SqlValue?> Values(TableFacts table, List<string> columns, IList<ScalarExpression>? row)
    {
        var values = new Dictionary<string, SqlValue?>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in table.Columns)
        {
            var given = columns.FindIndex(name => string.Equals(name, column.Name, StringComparison.OrdinalIgnoreCase));
            values[column.Name] = given >= 0
                ? row is null ? null : LiteralValues.Of(row[given], column.TypeName)
                : Omitted(table.Name, column);
        }

        return values;
    }

    /// <summary>What a column left out of the INSERT holds: NULL, its default, or unknown (null) when the engine computes it.</summary>
    private SqlValue? Omitted(string table, ColumnFacts column)
    {
        if (column.IsRowVersion)
        {
            return null;
        }

        if (_fakes.TryGetValue(table, out var fake))
        {
            // tSQLt.FakeTable keeps computations, identities and defaults only when asked to; every fake column takes NULL.
            return column.Computed ? (fake.Computed ? null : SqlValue.Null)
                : column.Identity ? (fake.Identity ? null : SqlValue.Null)
                : column.Default is not null && fake.Defaults ? LiteralValues.OfDefault(column.Default, column.TypeName)
                : SqlValue.Null;
        }

        return column.Computed || column.EngineFilled ? null
            : column.Default is not null ? LiteralValues.OfDefault(column.Default, column.TypeName)
            : SqlValue.Null;
    }

    private IEnumerable<DataViolation> NotNullViolations(TableFacts table, Dictionary<string, SqlValue?> values)
    {
        // A fake takes NULL everywhere, except in the key columns of an applied PRIMARY KEY, which tSQLt makes NOT NULL.
        var notNull = IsFake(table.Name)
            ? ActiveConstraints(table).Where(c => c.Kind == ConstraintKind.PrimaryKey).SelectMany(c => c.Columns)
            : table.Columns.Where(c => !c.Nullable && !c.Computed && !c.EngineFilled).Select(c => c.Name);
        return notNull
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(column => values[column] is { IsNull: true })
            .Select(column => new DataViolation(null, 515, $"puts NULL in the NOT NULL column [{column}] of {table.Name} (error 515)"));
    }

    private IEnumerable<DataViolation> ConstraintViolations(TableFacts table, Dictionary<string, SqlValue?> values)
    {
        foreach (var constraint in ActiveConstraints(table))
        {
            var broken = constraint.Kind switch
            {
                ConstraintKind.Check => Evaluate(constraint.Check, constraint.Columns, values) == false,
                ConstraintKind.ForeignKey => ReferencesNothing(constraint, values),
                _ => Duplicates(table.Name, constraint, values),
            };
            if (broken)
            {
                yield return new DataViolation(constraint, constraint.ErrorNumber, $"violates the {constraint.KindText} [{constraint.Name}] (error {constraint.ErrorNumber})");
            }
        }
    }

    /// <summary>A FOREIGN KEY into a fake whose every row is known, none of which the row's key matches.</summary>
    private bool ReferencesNothing(ConstraintFacts key, Dictionary<string, SqlValue?> values)
    {
        // Only a FOREIGN KEY applied to a fake points at the fake of its referenced table; a real table's points at the
        // real (renamed) one, whose rows are not known.
        if (!IsFake(key.Table) || key.ReferencedTable is not { } referenced || !IsFake(referenced) || _unfollowed.Contains(referenced)
            || key.ReferencedColumns is not { Count: > 0 } referencedColumns || referencedColumns.Count != key.Columns.Count)
        {
            return false;
        }

        var own = key.Columns.Select(column => values[column]).ToList();
        if (own.Any(value => value is null or { IsNull: true }))
        {
            return false; // unknown, or NULL: a NULL in a foreign key column is not checked
        }

        foreach (var row in _rows.GetValueOrDefault(referenced) ?? [])
        {
            var matches = referencedColumns.Select((column, i) => Same(own[i]!, row.GetValueOrDefault(column))).ToList();
            if (matches.All(match => match == true) || matches.Any(match => match is null))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An earlier row of the test with the same key (NULL equal to NULL, as unique constraints and indexes treat it).</summary>
    private bool Duplicates(string table, ConstraintFacts key, Dictionary<string, SqlValue?> values)
    {
        if (!Covered(key, values))
        {
            return false;
        }

        return (_rows.GetValueOrDefault(table) ?? [])
            .Where(row => Covered(key, row))
            .Any(row => key.Columns.All(column => Same(values[column]!, row.GetValueOrDefault(column)) == true));
    }

    /// <summary>Every key column is known and the row is in the index (its filter, if any, is TRUE).</summary>
    private static bool Covered(ConstraintFacts key, Dictionary<string, SqlValue?> values)
    {
        if (key.Columns.Any(column => values.GetValueOrDefault(column) is null))
        {
            return false;
        }

        if (key.Filter is null)
        {
            return true;
        }

        BooleanExpression filter;
        try
        {
            filter = CheckExpressionEvaluator.Parse(key.Filter);
        }
        catch (FormatException)
        {
            return false;
        }

        return Evaluate(filter, [.. FragmentCollector.Collect<ColumnReferenceExpression>(filter).Select(c => c.MultiPartIdentifier.Identifiers[^1].Value)], values) == true;
    }

    /// <summary>TRUE, FALSE or UNKNOWN when every column the expression reads is known; null when it cannot be evaluated here.</summary>
    private static bool? Evaluate(BooleanExpression? expression, IReadOnlyList<string> reads, Dictionary<string, SqlValue?> values)
    {
        if (expression is null || reads.Any(column => values.GetValueOrDefault(column) is null))
        {
            return null;
        }

        try
        {
            var row = reads.ToDictionary(column => column, column => values[column]!, StringComparer.OrdinalIgnoreCase);
            return new CheckExpressionEvaluator(row).Evaluate(expression);
        }
        catch (Exception ex) when (ex is NotSupportedException or KeyNotFoundException or InvalidCastException or FormatException or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Equal as a key compares (case-insensitive, trailing spaces ignored, NULL equal to NULL); null when it cannot be told.</summary>
    private static bool? Same(SqlValue left, SqlValue? right) => (left.Value, right?.Value) switch
    {
        _ when right is null => null,
        (null, null) => true,
        (null, _) or (_, null) => false,
        (string a, string b) => string.Equals(a.TrimEnd(' '), b.TrimEnd(' '), StringComparison.OrdinalIgnoreCase),
        (long a, long b) => a == b,
        (DateTime a, DateTime b) => a == b,
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        _ => null,
    };
}
