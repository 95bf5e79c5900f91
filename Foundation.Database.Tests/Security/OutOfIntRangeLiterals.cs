using Foundation.Database.Tests.Infrastructure;
using System.Globalization;
using System.Numerics;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Security;

/// <summary>
/// Finds integer constants outside the int range (above 2,147,483,647, with or without a minus sign). SQL Server types
/// such a constant as decimal, not int or bigint ("integer constants greater than 2,147,483,647 are converted to the
/// decimal data type", int, bigint, smallint, and tinyint (Transact-SQL)), so an expression that mixes it with an INT
/// column becomes decimal and the column is converted to match (data type precedence). In a row-level security
/// predicate that column is the one the seek runs on.
/// </summary>
public sealed class OutOfIntRangeLiterals : TSqlFragmentVisitor
{
    private static readonly BigInteger _intMaximum = int.MaxValue;

    private readonly List<string> _found = [];

    /// <summary>Every such constant in the script, as written.</summary>
    public static IReadOnlyList<string> In(string script)
    {
        var fragment = SqlCmdScript.Parse(script);
        var visitor = new OutOfIntRangeLiterals();
        fragment.Accept(visitor);
        return visitor._found;
    }

    public override void ExplicitVisit(IntegerLiteral node)
    {
        ArgumentNullException.ThrowIfNull(node);
        Check(node.Value);
        base.ExplicitVisit(node);
    }

    /// <summary>ScriptDom reads a whole number too large for an int as a numeric literal; a sign may be part of it.</summary>
    public override void ExplicitVisit(NumericLiteral node)
    {
        ArgumentNullException.ThrowIfNull(node);
        Check(node.Value);
        base.ExplicitVisit(node);
    }

    private void Check(string literal)
    {
        if (BigInteger.TryParse(literal.TrimStart('-', '+'), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > _intMaximum)
        {
            _found.Add(literal.TrimStart('-', '+'));
        }
    }
}
