using System.Globalization;
using Foundation.Database.Tests.Infrastructure;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// The value an INSERT stores in a column, when it can be known offline: a literal, or the functions
/// <see cref="CheckExpressionEvaluator"/> evaluates of literals, converted to the column's type as SQL Server converts it.
/// Null (not <see cref="SqlValue.Null"/>) means "cannot be known here": a variable, a subquery, SYSUTCDATETIME().
/// </summary>
public static class LiteralValues
{
    private static readonly Dictionary<string, SqlValue> _noColumns = [];

    public static SqlValue? Of(ScalarExpression expression, string columnType)
    {
        ArgumentNullException.ThrowIfNull(expression);
        try
        {
            return Convert(new CheckExpressionEvaluator(_noColumns).Evaluate(expression), columnType);
        }
        catch (Exception ex) when (ex is NotSupportedException or KeyNotFoundException or InvalidCastException or FormatException or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The value of a default constraint's expression text, e.g. "('Active')" or "((0))".</summary>
    public static SqlValue? OfDefault(string? expression, string columnType)
    {
        if (expression is null)
        {
            return null;
        }

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(expression);
        var parsed = parser.ParseExpression(reader, out var errors);
        return errors.Count == 0 && parsed is not null ? Of(parsed, columnType) : null;
    }

    private static SqlValue? Convert(SqlValue value, string columnType)
    {
        if (value.IsNull)
        {
            return SqlValue.Null;
        }

        return (columnType, value.Value) switch
        {
            ("varchar" or "char", string text) => SqlValue.VarChar(text),
            ("nvarchar" or "nchar", string text) => SqlValue.NVarChar(text),
            ("varchar" or "char", long number) => SqlValue.VarChar(number.ToString(CultureInfo.InvariantCulture)),
            ("nvarchar" or "nchar", long number) => SqlValue.NVarChar(number.ToString(CultureInfo.InvariantCulture)),
            ("int" or "bigint" or "smallint" or "tinyint" or "bit", long) => value,
            ("int" or "bigint" or "smallint" or "tinyint" or "bit", string text) when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => new SqlValue(number),
            ("date" or "datetime" or "datetime2" or "smalldatetime", string text)
                when DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time) => new SqlValue(time),
            ("varbinary" or "binary", byte[]) => value,
            _ => null,
        };
    }
}
