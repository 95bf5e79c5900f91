using System.Globalization;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Infrastructure;

/// <summary>Reads columns of a DacFx model table in the terms the tests compare: "nvarchar(254)", "datetime2(7)".</summary>
public static class ModelColumns
{
    public static IReadOnlyList<TSqlObject> Of(TSqlObject table) => [.. table.GetReferenced(Table.Columns)];

    public static string Name(TSqlObject column) => column.Name.Parts[^1];

    public static bool IsComputed(TSqlObject column) =>
        column.GetMetadata<ColumnType>(Column.ColumnType) == ColumnType.ComputedColumn;

    /// <summary>The declared type with its length, precision or scale; "computed" for a computed column.</summary>
    public static string TypeOf(TSqlObject column)
    {
        var type = column.GetReferenced(Column.DataType).FirstOrDefault()?.Name.Parts[^1];
        if (type is null)
        {
            return "computed";
        }

        return type switch
        {
            "varchar" or "nvarchar" or "char" or "nchar" or "varbinary" or "binary" =>
                column.GetProperty<bool>(Column.IsMax)
                    ? $"{type}(max)"
                    : string.Create(CultureInfo.InvariantCulture, $"{type}({column.GetProperty<int>(Column.Length)})"),
            "datetime2" or "time" or "datetimeoffset" =>
                string.Create(CultureInfo.InvariantCulture, $"{type}({column.GetProperty<int>(Column.Scale)})"),
            "decimal" or "numeric" =>
                string.Create(CultureInfo.InvariantCulture, $"{type}({column.GetProperty<int>(Column.Precision)},{column.GetProperty<int>(Column.Scale)})"),
            _ => type,
        };
    }

    /// <summary>Nullability as stored: for a computed column, its PERSISTED [NOT] NULL.</summary>
    public static bool IsNullable(TSqlObject column) =>
        IsComputed(column)
            ? column.GetProperty<bool?>(Column.PersistedNullable) ?? true
            : column.GetProperty<bool>(Column.Nullable);
}
