using Foundation.Database.Tests.Infrastructure;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Security;

/// <summary>
/// Finds a principal recognised by a name: a comparison (=, &lt;&gt;, LIKE, IN) one side of which is USER_NAME(),
/// SUSER_NAME(), SUSER_SNAME(), ORIGINAL_LOGIN(), APP_NAME(), HOST_NAME(), CURRENT_USER, SESSION_USER, SYSTEM_USER or
/// USER. A name can be taken by another principal (an external principal's display name, a client-supplied application
/// name); Foundation recognises principals by id (DATABASE_PRINCIPAL_ID) and SID only.
/// </summary>
public sealed class PrincipalNameComparisons : TSqlFragmentVisitor
{
    private static readonly HashSet<string> _nameFunctions = new(
        ["USER_NAME", "SUSER_NAME", "SUSER_SNAME", "ORIGINAL_LOGIN", "APP_NAME", "HOST_NAME"], StringComparer.OrdinalIgnoreCase);

    private readonly List<string> _found = [];

    public IReadOnlyList<string> Found => _found;

    /// <summary>Every such comparison in the script, as its text.</summary>
    public static IReadOnlyList<string> In(string script)
    {
        var fragment = SqlCmdScript.Parse(script);
        var visitor = new PrincipalNameComparisons();
        fragment.Accept(visitor);
        return visitor.Found;
    }

    public override void ExplicitVisit(BooleanComparisonExpression node)
    {
        ArgumentNullException.ThrowIfNull(node);
        Check(node, node.FirstExpression, node.SecondExpression);
        base.ExplicitVisit(node);
    }

    public override void ExplicitVisit(LikePredicate node)
    {
        ArgumentNullException.ThrowIfNull(node);
        Check(node, node.FirstExpression, node.SecondExpression);
        base.ExplicitVisit(node);
    }

    public override void ExplicitVisit(InPredicate node)
    {
        ArgumentNullException.ThrowIfNull(node);
        Check(node, node.Expression);
        base.ExplicitVisit(node);
    }

    private void Check(TSqlFragment comparison, params ScalarExpression?[] operands)
    {
        if (operands.Any(IsPrincipalName))
        {
            _found.Add(string.Concat(Enumerable.Range(comparison.FirstTokenIndex, comparison.LastTokenIndex - comparison.FirstTokenIndex + 1)
                .Select(i => comparison.ScriptTokenStream[i].Text)));
        }
    }

    private static bool IsPrincipalName(ScalarExpression? expression) => expression switch
    {
        FunctionCall call => _nameFunctions.Contains(call.FunctionName.Value),
        ParameterlessCall call => call.ParameterlessCallType != ParameterlessCallType.CurrentTimestamp,
        ParenthesisExpression parenthesis => IsPrincipalName(parenthesis.Expression),
        _ => false,
    };
}
