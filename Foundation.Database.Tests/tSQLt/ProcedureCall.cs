using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// An <c>EXEC schema.procedure ...</c> found in a script, with its arguments as written: named (<c>@TableName = N'...'</c>)
/// or positional (no parameter name). Only literal string and number arguments have a value; anything else is null.
/// <see cref="Offset"/> is where the call starts in its file, to order it against the statements around it.
/// </summary>
public sealed record ProcedureCall(
    string? Schema,
    string Name,
    IReadOnlyList<(string? Parameter, string? Value)> Arguments,
    int Line,
    string File,
    int Offset = 0)
{
    /// <summary>The value passed for <paramref name="parameter"/> by name, else the positional one at <paramref name="position"/>.</summary>
    public string? Argument(string parameter, int position)
    {
        foreach (var (name, value) in Arguments)
        {
            if (string.Equals(name, parameter, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return position < Arguments.Count && Arguments[position].Parameter is null ? Arguments[position].Value : null;
    }

    public bool Is(string schema, string name) =>
        string.Equals(Name, name, StringComparison.OrdinalIgnoreCase)
        && (Schema is null || string.Equals(Schema, schema, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every EXEC of a named procedure in the fragment.</summary>
    public static IReadOnlyList<ProcedureCall> FindAll(TSqlFragment fragment, string file)
    {
        var visitor = new Collector(file);
        fragment.Accept(visitor);
        return visitor.Calls;
    }

    private sealed class Collector(string file) : TSqlFragmentVisitor
    {
        public List<ProcedureCall> Calls { get; } = [];

        public override void Visit(ExecutableProcedureReference node)
        {
            var name = node.ProcedureReference?.ProcedureReference?.Name;
            if (name is null)
            {
                return;
            }

            var arguments = node.Parameters
                .Select(parameter => (parameter.Variable?.Name, Literal(parameter.ParameterValue)))
                .ToList();
            Calls.Add(new ProcedureCall(name.SchemaIdentifier?.Value, name.BaseIdentifier.Value, arguments, node.StartLine, file, node.StartOffset));
        }

        private static string? Literal(ScalarExpression? expression) => expression switch
        {
            StringLiteral text => text.Value,
            IntegerLiteral number => number.Value,
            UnaryExpression { UnaryExpressionType: UnaryExpressionType.Negative, Expression: IntegerLiteral number } => "-" + number.Value,
            _ => null,
        };
    }
}
