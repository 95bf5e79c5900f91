using System.Globalization;

namespace Foundation.Database.Tests.Infrastructure;

/// <summary>
/// A value as <see cref="CheckExpressionEvaluator"/> sees it: NULL, a string (VARCHAR or NVARCHAR, which matters to
/// DATALENGTH), an integer, a date-time or bytes. <see cref="CaseSensitive"/> is set by an explicit binary or CS COLLATE.
/// </summary>
public sealed record SqlValue(object? Value, bool IsUnicode = false, bool CaseSensitive = false)
{
    public static SqlValue Null { get; } = new((object?)null);

    public bool IsNull => Value is null;

    public static SqlValue VarChar(string? value) => new(value, IsUnicode: false);

    public static SqlValue NVarChar(string? value) => new(value, IsUnicode: true);

    /// <summary>Wraps a CLR value for a column of the given SQL type name (as DacFx names it, e.g. "nvarchar").</summary>
    public static SqlValue ForColumn(string sqlTypeName, object? value) => value switch
    {
        null => Null,
        string text when sqlTypeName is "nvarchar" or "nchar" => NVarChar(text),
        string text when sqlTypeName is "varchar" or "char" => VarChar(text),
        bool flag => new SqlValue(flag ? 1L : 0L),
        int number => new SqlValue((long)number),
        long number => new SqlValue(number),
        DateTime time => new SqlValue(time),
        byte[] bytes => new SqlValue(bytes),
        _ => throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"No conversion of {value.GetType().Name} for a {sqlTypeName} column."), nameof(value)),
    };
}
