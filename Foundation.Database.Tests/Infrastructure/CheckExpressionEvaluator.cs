using System.Globalization;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Infrastructure;

/// <summary>
/// Evaluates a CHECK constraint's expression against one row, offline, for the small subset of T-SQL that Foundation's
/// constraints use: AND/OR/NOT, comparisons, [NOT] LIKE [ESCAPE], [NOT] IN, [NOT] BETWEEN, IS [NOT] NULL, +, *, -,
/// LEN, DATALENGTH, REPLICATE, UPPER, LOWER and COLLATE. Anything else throws <see cref="NotSupportedException"/>,
/// so a constraint the evaluator does not understand fails its test instead of passing silently.
/// SQL Server semantics kept: three-valued logic (null = UNKNOWN), trailing spaces ignored by =, LEN and on the left of
/// LIKE but counted by DATALENGTH, case-insensitive comparison unless a binary or CS collation is named.
/// </summary>
public sealed class CheckExpressionEvaluator(IReadOnlyDictionary<string, SqlValue> row)
{
    private readonly Dictionary<string, SqlValue> _row = new(row, StringComparer.OrdinalIgnoreCase);

    /// <summary>Parses a boolean expression (a CHECK constraint's body) with the SQL Server 2022 parser.</summary>
    public static BooleanExpression Parse(string expression)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(expression);
        var parsed = parser.ParseBooleanExpression(reader, out var errors);
        return errors.Count == 0
            ? parsed
            : throw new FormatException($"Cannot parse '{expression}': {string.Join("; ", errors.Select(e => e.Message))}");
    }

    /// <summary>TRUE, FALSE or null for UNKNOWN. A CHECK constraint rejects a row only when this is FALSE.</summary>
    public bool? Evaluate(BooleanExpression expression) => expression switch
    {
        BooleanParenthesisExpression parenthesis => Evaluate(parenthesis.Expression),
        BooleanNotExpression not => Not(Evaluate(not.Expression)),
        BooleanBinaryExpression binary => binary.BinaryExpressionType switch
        {
            BooleanBinaryExpressionType.And => And(Evaluate(binary.FirstExpression), Evaluate(binary.SecondExpression)),
            BooleanBinaryExpressionType.Or => Or(Evaluate(binary.FirstExpression), Evaluate(binary.SecondExpression)),
            _ => throw Unsupported(binary),
        },
        BooleanIsNullExpression isNull => Value(isNull.Expression).IsNull != isNull.IsNot,
        BooleanComparisonExpression comparison => Compare(comparison),
        LikePredicate like => Like(like),
        InPredicate inPredicate => In(inPredicate),
        BooleanTernaryExpression ternary => Between(ternary),
        _ => throw Unsupported(expression),
    };

    /// <summary>The value of a scalar expression over the row: a literal, a column, or the functions above of them.</summary>
    public SqlValue Evaluate(ScalarExpression expression) => Value(expression);

    private static bool? Not(bool? value) => value is null ? null : !value.Value;

    private static bool? And(bool? left, bool? right) =>
        left == false || right == false ? false : left is null || right is null ? null : true;

    private static bool? Or(bool? left, bool? right) =>
        left == true || right == true ? true : left is null || right is null ? null : false;

    private bool? Compare(BooleanComparisonExpression comparison)
    {
        var order = Order(Value(comparison.FirstExpression), Value(comparison.SecondExpression));
        return order is not { } o ? null : comparison.ComparisonType switch
        {
            BooleanComparisonType.Equals => o == 0,
            BooleanComparisonType.NotEqualToBrackets or BooleanComparisonType.NotEqualToExclamation => o != 0,
            BooleanComparisonType.GreaterThan => o > 0,
            BooleanComparisonType.GreaterThanOrEqualTo => o >= 0,
            BooleanComparisonType.LessThan => o < 0,
            BooleanComparisonType.LessThanOrEqualTo => o <= 0,
            _ => throw Unsupported(comparison),
        };
    }

    private bool? Like(LikePredicate like)
    {
        var input = Value(like.FirstExpression);
        var pattern = Value(like.SecondExpression);
        var escape = like.EscapeExpression is null ? null : Value(like.EscapeExpression);
        if (input.IsNull || pattern.IsNull || escape is { IsNull: true })
        {
            return null;
        }

        // Trailing blanks of the matched expression are ignored (documented LIKE behaviour); the pattern's count.
        var text = Text(input).TrimEnd(' ');
        var caseSensitive = input.CaseSensitive || pattern.CaseSensitive;
        var matched = LikePattern.IsMatch(text, Text(pattern), caseSensitive, escape is null ? null : Text(escape)[0]);
        return matched != like.NotDefined;
    }

    private bool? In(InPredicate inPredicate)
    {
        if (inPredicate.Subquery is not null)
        {
            throw Unsupported(inPredicate);
        }

        var value = Value(inPredicate.Expression);
        bool? any = false;
        foreach (var candidate in inPredicate.Values)
        {
            var order = Order(value, Value(candidate));
            any = Or(any, order is null ? null : order == 0);
        }

        return inPredicate.NotDefined ? Not(any) : any;
    }

    private bool? Between(BooleanTernaryExpression ternary)
    {
        var value = Value(ternary.FirstExpression);
        var low = Order(value, Value(ternary.SecondExpression));
        var high = Order(value, Value(ternary.ThirdExpression));
        var between = And(low is null ? null : low >= 0, high is null ? null : high <= 0);
        return ternary.TernaryExpressionType switch
        {
            BooleanTernaryExpressionType.Between => between,
            BooleanTernaryExpressionType.NotBetween => Not(between),
            _ => throw Unsupported(ternary),
        };
    }

    private SqlValue Value(ScalarExpression expression)
    {
        var value = expression switch
        {
            ColumnReferenceExpression column => Column(column),
            StringLiteral literal => new SqlValue(literal.Value, literal.IsNational),
            IntegerLiteral literal => new SqlValue(long.Parse(literal.Value, CultureInfo.InvariantCulture)),
            NullLiteral => SqlValue.Null,
            ParenthesisExpression parenthesis => Value(parenthesis.Expression),
            UnaryExpression { UnaryExpressionType: UnaryExpressionType.Negative } unary => Negate(Value(unary.Expression)),
            BinaryExpression binary => Arithmetic(binary),
            FunctionCall call => Function(call),
            _ => throw Unsupported(expression),
        };

        // An explicit COLLATE on an operand decides how it compares.
        return expression is PrimaryExpression { Collation: { } collation }
            ? value with { CaseSensitive = IsCaseSensitive(collation.Value) }
            : value;
    }

    private SqlValue Column(ColumnReferenceExpression column)
    {
        var name = column.MultiPartIdentifier.Identifiers[^1].Value;
        return _row.TryGetValue(name, out var value)
            ? value
            : throw new KeyNotFoundException($"The constraint reads column [{name}], which the row does not describe.");
    }

    private static SqlValue Negate(SqlValue value) => value.Value switch
    {
        null => SqlValue.Null,
        long number => new SqlValue(-number),
        _ => throw new NotSupportedException("Only integers can be negated."),
    };

    private SqlValue Arithmetic(BinaryExpression binary)
    {
        var left = Value(binary.FirstExpression);
        var right = Value(binary.SecondExpression);
        if (left.IsNull || right.IsNull)
        {
            return SqlValue.Null;
        }

        return (binary.BinaryExpressionType, left.Value, right.Value) switch
        {
            (BinaryExpressionType.Add, string a, string b) =>
                new SqlValue(a + b, left.IsUnicode || right.IsUnicode, left.CaseSensitive || right.CaseSensitive),
            (BinaryExpressionType.Add, long a, long b) => new SqlValue(a + b),
            (BinaryExpressionType.Subtract, long a, long b) => new SqlValue(a - b),
            (BinaryExpressionType.Multiply, long a, long b) => new SqlValue(a * b),
            _ => throw Unsupported(binary),
        };
    }

    private SqlValue Function(FunctionCall call)
    {
        var arguments = call.Parameters.Select(Value).ToList();
        var name = call.FunctionName.Value.ToUpperInvariant();
        if (arguments.Any(a => a.IsNull))
        {
            return SqlValue.Null;
        }

        return (name, arguments.Count) switch
        {
            ("LEN", 1) => new SqlValue((long)Text(arguments[0]).TrimEnd(' ').Length),
            ("DATALENGTH", 1) => new SqlValue(DataLength(arguments[0])),
            ("REPLICATE", 2) => arguments[0] with { Value = string.Concat(Enumerable.Repeat(Text(arguments[0]), (int)(long)arguments[1].Value!)) },
            ("UPPER", 1) => arguments[0] with { Value = Text(arguments[0]).ToUpperInvariant() },
            ("LOWER", 1) => arguments[0] with { Value = Text(arguments[0]).ToLowerInvariant() },
            _ => throw Unsupported(call),
        };
    }

    private static long DataLength(SqlValue value) => value.Value switch
    {
        string text => value.IsUnicode ? text.Length * 2L : text.Length,
        byte[] bytes => bytes.Length,
        long => 8,
        DateTime => 8,
        _ => throw new NotSupportedException($"DATALENGTH of {value.Value?.GetType().Name}."),
    };

    /// <summary>Compares two values as SQL Server would: null when either is NULL; strings padded with trailing spaces.</summary>
    private static int? Order(SqlValue left, SqlValue right)
    {
        if (left.IsNull || right.IsNull)
        {
            return null;
        }

        return (left.Value, right.Value) switch
        {
            (string a, string b) => string.Compare(
                a.TrimEnd(' '),
                b.TrimEnd(' '),
                left.CaseSensitive || right.CaseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase),
            (long a, long b) => a.CompareTo(b),
            (DateTime a, DateTime b) => a.CompareTo(b),
            _ => throw new NotSupportedException(
                $"Comparing {left.Value!.GetType().Name} with {right.Value!.GetType().Name}."),
        };
    }

    private static string Text(SqlValue value) =>
        value.Value as string ?? throw new NotSupportedException($"Expected a string, got {value.Value?.GetType().Name}.");

    private static bool IsCaseSensitive(string collation) =>
        collation.EndsWith("_BIN", StringComparison.OrdinalIgnoreCase)
        || collation.EndsWith("_BIN2", StringComparison.OrdinalIgnoreCase)
        || collation.Contains("_CS", StringComparison.OrdinalIgnoreCase);

    private static NotSupportedException Unsupported(TSqlFragment fragment) =>
        new($"The evaluator does not support {fragment.GetType().Name}"
            + $" ({string.Concat(fragment.ScriptTokenStream.Skip(fragment.FirstTokenIndex).Take(fragment.LastTokenIndex - fragment.FirstTokenIndex + 1).Select(t => t.Text))}).");
}
