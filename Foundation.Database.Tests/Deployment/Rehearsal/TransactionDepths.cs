using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Deployment.Rehearsal;

/// <summary>
/// The transaction depth (@@TRANCOUNT) before and after each statement when the script succeeds: BEGIN TRANSACTION adds
/// one, COMMIT takes one, ROLLBACK ends all; a new session starts at zero. An IF is followed into the branch its
/// condition takes when it can be decided on the success path (<c>@@TRANCOUNT</c> comparisons against the depth; DacFx's
/// <c>@@ERROR &lt;&gt; 0</c> and <c>#tmpErrors</c> checks are false); otherwise both branches are followed and must leave
/// the depth as they found it. CATCH blocks do not run on the success path. Statements that do not run have no depth.
/// </summary>
public sealed class TransactionDepths
{
    private readonly Dictionary<TSqlStatement, (int Before, int After)> _depths = new(ReferenceEqualityComparer.Instance);
    private readonly List<string> _problems = [];
    private readonly Dictionary<TSqlStatement, ScriptStatement> _statements = new(ReferenceEqualityComparer.Instance);

    private TransactionDepths()
    {
    }

    /// <summary>Structures the simulation could not follow (they make the script unverifiable).</summary>
    public IReadOnlyList<string> Problems => _problems;

    public int? Before(ScriptStatement statement) => _depths.TryGetValue(statement.Fragment, out var d) ? d.Before : null;

    public int? After(ScriptStatement statement) => _depths.TryGetValue(statement.Fragment, out var d) ? d.After : null;

    public static TransactionDepths Simulate(IReadOnlyList<ScriptStatement> statements)
    {
        var result = new TransactionDepths();
        foreach (var statement in statements)
        {
            result._statements[statement.Fragment] = statement;
        }

        var depth = 0;
        var session = 0;
        foreach (var top in statements.Where(s => s.Enclosing.Count == 0))
        {
            if (top.Session != session)
            {
                if (depth > 0)
                {
                    result._problems.Add($"session {session} ends with {depth} open transaction(s) before {top.Describe()}: they would be rolled back");
                }

                depth = 0;
                session = top.Session;
            }

            depth = result.Run(top.Fragment, depth);
        }

        if (depth > 0)
        {
            result._problems.Add($"the script ends with {depth} open transaction(s)");
        }

        return result;
    }

    private int Run(TSqlStatement statement, int depth)
    {
        var after = statement switch
        {
            BeginTransactionStatement => depth + 1,
            CommitTransactionStatement => Math.Max(depth - 1, 0),
            RollbackTransactionStatement => 0,
            IfStatement i => RunIf(i, depth),
            BeginEndBlockStatement b => b.StatementList.Statements.Aggregate(depth, (d, s) => Run(s, d)),
            TryCatchStatement t => t.TryStatements.Statements.Aggregate(depth, (d, s) => Run(s, d)),
            WhileStatement w => RunBalanced(w.Statement, depth, "WHILE body"),
            _ => depth,
        };
        _depths[statement] = (depth, after);
        return after;
    }

    private int RunIf(IfStatement statement, int depth)
    {
        var taken = Decide(statement.Predicate, depth);
        if (taken == true)
        {
            return Run(statement.ThenStatement, depth);
        }

        if (taken == false)
        {
            return statement.ElseStatement is null ? depth : Run(statement.ElseStatement, depth);
        }

        RunBalanced(statement.ThenStatement, depth, "IF branch");
        if (statement.ElseStatement is not null)
        {
            RunBalanced(statement.ElseStatement, depth, "ELSE branch");
        }

        return depth;
    }

    private int RunBalanced(TSqlStatement statement, int depth, string what)
    {
        var after = Run(statement, depth);
        if (after != depth && _statements.TryGetValue(statement, out var described))
        {
            _problems.Add($"a{(what.StartsWith('I') || what.StartsWith('E') ? "n" : string.Empty)} {what} whose condition cannot be decided changes the transaction depth ({depth} to {after}): {described.Describe()}");
        }

        return depth;
    }

    /// <summary>The value of an IF condition on the success path, or null when it cannot be decided.</summary>
    private static bool? Decide(BooleanExpression expression, int depth)
    {
        switch (expression)
        {
            case BooleanParenthesisExpression p:
                return Decide(p.Expression, depth);
            case BooleanNotExpression n:
                return !Decide(n.Expression, depth);
            case BooleanBinaryExpression b:
                var left = Decide(b.FirstExpression, depth);
                var right = Decide(b.SecondExpression, depth);
                return b.BinaryExpressionType == BooleanBinaryExpressionType.And
                    ? left == false || right == false ? false : left == true && right == true ? true : null
                    : left == true || right == true ? true : left == false && right == false ? false : null;
            case BooleanComparisonExpression c when Global(c.FirstExpression) is { } name && c.SecondExpression is IntegerLiteral literal:
                var value = int.Parse(literal.Value, System.Globalization.CultureInfo.InvariantCulture);
                var actual = name.Equals("@@TRANCOUNT", StringComparison.OrdinalIgnoreCase) ? depth
                    : name.Equals("@@ERROR", StringComparison.OrdinalIgnoreCase) ? 0
                    : (int?)null;
                return actual is null ? null : c.ComparisonType switch
                {
                    BooleanComparisonType.Equals => actual == value,
                    BooleanComparisonType.NotEqualToBrackets or BooleanComparisonType.NotEqualToExclamation => actual != value,
                    BooleanComparisonType.GreaterThan => actual > value,
                    BooleanComparisonType.LessThan => actual < value,
                    BooleanComparisonType.GreaterThanOrEqualTo => actual >= value,
                    BooleanComparisonType.LessThanOrEqualTo => actual <= value,
                    _ => null,
                };
            case ExistsPredicate e when e.Subquery.QueryExpression is QuerySpecification q
                && q.FromClause?.TableReferences.FirstOrDefault() is NamedTableReference t
                && t.SchemaObject.BaseIdentifier.Value.Equals("#tmpErrors", StringComparison.OrdinalIgnoreCase):
                // DacFx's error list stays empty when every batch succeeds.
                return false;
            default:
                return null;
        }
    }

    private static string? Global(ScalarExpression expression) => expression is GlobalVariableExpression g ? g.Name : null;
}
