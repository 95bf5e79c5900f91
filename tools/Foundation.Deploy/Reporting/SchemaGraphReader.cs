using System.Globalization;
using Foundation.Deploy.Planning;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Deploy.Reporting;

/// <summary>Reads a <see cref="SchemaGraph"/> from a DacFx model: every user table, its columns, keys and foreign keys.</summary>
public static class SchemaGraphReader
{
    private static readonly string[] _sizedTypes = ["char", "varchar", "nchar", "nvarchar", "binary", "varbinary"];
    private static readonly string[] _scaledTypes = ["decimal", "numeric"];
    private static readonly string[] _fractionalTypes = ["datetime2", "datetimeoffset", "time"];

    public static SchemaGraph Read(TSqlModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var primaryKeys = KeyColumns(model, PrimaryKeyConstraint.TypeClass, PrimaryKeyConstraint.Host, PrimaryKeyConstraint.Columns);
        var uniqueKeys = KeyColumns(model, UniqueConstraint.TypeClass, UniqueConstraint.Host, UniqueConstraint.Columns);
        var foreignKeys = model.GetObjects(DacQueryScopes.UserDefined, ForeignKeyConstraint.TypeClass)
            .Select(fk => (
                Constraint: fk.Name.Parts[^1],
                Child: Name(fk.GetReferenced(ForeignKeyConstraint.Host).First()),
                Columns: fk.GetReferenced(ForeignKeyConstraint.Columns).Select(c => c.Name.Parts[^1]).ToList(),
                Parent: Name(fk.GetReferenced(ForeignKeyConstraint.ForeignTable).First())))
            .ToList();
        var descriptions = model.GetObjects(DacQueryScopes.UserDefined, ExtendedProperty.TypeClass)
            .Where(p => p.Name.Parts[^1] == "MS_Description" && p.GetReferenced(ExtendedProperty.Host).FirstOrDefault()?.ObjectType == ModelSchema.Table)
            .ToDictionary(p => Name(p.GetReferenced(ExtendedProperty.Host).First()), p => Unquote(p.GetProperty(ExtendedProperty.Value)?.ToString()), StringComparer.OrdinalIgnoreCase);

        var historyOf = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.Table))
        {
            foreach (var history in table.GetReferenced(Table.TemporalSystemVersioningHistoryTable))
            {
                historyOf[Name(history)] = Name(table);
            }
        }

        var tables = new List<SchemaGraph.Table>();
        var nullable = new Dictionary<(string Table, string Column), bool>();
        foreach (var table in model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.Table).OrderBy(t => Name(t), StringComparer.OrdinalIgnoreCase))
        {
            var name = Name(table);
            var pk = primaryKeys.GetValueOrDefault(name) ?? [];
            var unique = uniqueKeys.GetValueOrDefault(name) ?? [];
            var fkColumns = foreignKeys.Where(f => f.Child == name).SelectMany(f => f.Columns).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var columns = table.GetReferenced(Table.Columns).Select(c =>
            {
                var columnName = c.Name.Parts[^1];
                var isNullable = c.GetProperty<bool>(Column.Nullable);
                nullable[(name, columnName)] = isNullable;
                return new SchemaGraph.Column(columnName, TypeOf(c), isNullable, pk.Contains(columnName), fkColumns.Contains(columnName), unique.Contains(columnName));
            }).ToList();
            tables.Add(new SchemaGraph.Table(name, columns, true, descriptions.GetValueOrDefault(name), historyOf.GetValueOrDefault(name)));
        }

        var relationships = foreignKeys
            .Select(f => new SchemaGraph.Relationship(
                f.Parent,
                f.Child,
                f.Columns,
                Optional: f.Columns.Any(c => nullable.GetValueOrDefault((f.Child, c))),
                Identifying: f.Columns.All(c => (primaryKeys.GetValueOrDefault(f.Child) ?? []).Contains(c)),
                f.Constraint))
            .OrderBy(r => r.Child, StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => r.Constraint, StringComparer.Ordinal)
            .ToList();
        return new SchemaGraph(tables, relationships);
    }

    private static Dictionary<string, HashSet<string>> KeyColumns(TSqlModel model, ModelTypeClass type, ModelRelationshipClass host, ModelRelationshipClass columns)
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in model.GetObjects(DacQueryScopes.UserDefined, type))
        {
            var table = key.GetReferenced(host).FirstOrDefault();
            if (table is null)
            {
                continue;
            }

            if (!result.TryGetValue(Name(table), out var set))
            {
                set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                result[Name(table)] = set;
            }

            set.UnionWith(key.GetReferenced(columns).Select(c => c.Name.Parts[^1]));
        }

        return result;
    }

    private static string TypeOf(TSqlObject column)
    {
        var type = column.GetReferenced(Column.DataType).FirstOrDefault();
        if (type is null)
        {
            return "computed";
        }

        var name = type.Name.Parts[^1].ToLowerInvariant();
        if (_sizedTypes.Contains(name))
        {
            return column.GetProperty<bool>(Column.IsMax) ? $"{name}(max)" : Invariant($"{name}({column.GetProperty<int>(Column.Length)})");
        }

        if (_scaledTypes.Contains(name))
        {
            return Invariant($"{name}({column.GetProperty<int>(Column.Precision)},{column.GetProperty<int>(Column.Scale)})");
        }

        return _fractionalTypes.Contains(name) ? Invariant($"{name}({column.GetProperty<int>(Column.Scale)})") : name;
    }

    private static string Name(TSqlObject table) => ObjectNames.Quote(table.Name.Parts);

    /// <summary>Extended property values are T-SQL literals (<c>N'...'</c>): strip the quotes.</summary>
    private static string Unquote(string? literal)
    {
        var text = literal ?? string.Empty;
        if (text.StartsWith("N'", StringComparison.Ordinal))
        {
            text = text[1..];
        }

        return text.Length >= 2 && text[0] == '\'' && text[^1] == '\'' ? text[1..^1].Replace("''", "'", StringComparison.Ordinal) : text;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
