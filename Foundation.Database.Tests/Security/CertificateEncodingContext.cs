using Foundation.Database.Tests.Infrastructure;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Security;

/// <summary>
/// Finds a dynamic statement that calls CERTENCODED in another database than the one whose sys.certificates it reads.
/// CERTENCODED takes a certificate_id, which is an id of the CURRENT database (CERTENCODED (Transact-SQL): the example
/// copies a certificate by calling it in the source database); a script that has switched to master and reads
/// <c>[Foundation].[sys].[certificates]</c> would encode master's certificate of that id, not Foundation's. The current
/// database of a dynamic statement is the database part of the sp_executesql that runs it (written out or held in a
/// variable), or else the database of the script's last USE before it. Only what the checked scripts use is understood:
/// string literals, + and QUOTENAME of a literal; anything else makes the check fail rather than pass.
/// </summary>
public static class CertificateEncodingContext
{
    /// <summary>One line per violation: the variable executed, the database it runs in and the one it reads.</summary>
    public static IReadOnlyList<string> FindViolations(string script)
    {
        var parsed = SqlCmdScript.Parse(script);
        var collector = new Collector();
        parsed.Accept(collector);

        var violations = new List<string>();
        var variables = new Dictionary<string, ScalarExpression>(StringComparer.OrdinalIgnoreCase);
        string? current = null;
        foreach (var fragment in collector.InOrder.OrderBy(f => f.StartOffset))
        {
            switch (fragment)
            {
                case UseStatement use:
                    current = use.DatabaseName.Value;
                    break;
                case DeclareVariableElement { Value: not null } declared:
                    variables[declared.VariableName.Value] = declared.Value;
                    break;
                case SetVariableStatement { AssignmentKind: AssignmentKind.Equals } set:
                    variables[set.Variable.Name] = set.Expression;
                    break;
                case ExecuteStatement execute:
                    Check(execute, variables, current, violations);
                    break;
            }
        }

        return violations;
    }

    private static void Check(ExecuteStatement execute, Dictionary<string, ScalarExpression> variables, string? current, List<string> violations)
    {
        if (execute.ExecuteSpecification.ExecutableEntity is not ExecutableProcedureReference procedure
            || procedure.Parameters.Count == 0
            || procedure.Parameters[0].ParameterValue is not VariableReference statementVariable
            || !variables.TryGetValue(statementVariable.Name, out var statementExpression))
        {
            return;
        }

        var statement = Evaluate(statementExpression);
        if (statement is null || !statement.Contains("CERTENCODED", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var runsIn = RunsIn(procedure.ProcedureReference, variables) ?? current;
        var reads = CertificateCatalogDatabases(statement).Select(database => database ?? runsIn).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (runsIn is null || reads.Count == 0 || reads.Any(database => !string.Equals(database, runsIn, StringComparison.OrdinalIgnoreCase)))
        {
            violations.Add($"{statementVariable.Name} calls CERTENCODED in database '{runsIn ?? "?"}' but reads sys.certificates of '{string.Join("', '", reads.Select(r => r ?? "?"))}'.");
        }
    }

    /// <summary>The database part of the procedure that runs the statement, or null when it names none.</summary>
    private static string? RunsIn(ProcedureReferenceName reference, Dictionary<string, ScalarExpression> variables)
    {
        if (reference.ProcedureReference is { Name: { } name })
        {
            return name.DatabaseIdentifier?.Value;
        }

        if (reference.ProcedureVariable is { } variable && variables.TryGetValue(variable.Name, out var expression) && Evaluate(expression) is { } text)
        {
            var parser = new TSql160Parser(initialQuotedIdentifiers: true);
            using var reader = new StringReader(text);
            var parsed = parser.ParseSchemaObjectName(reader, out var errors);
            return errors.Count == 0 ? parsed.DatabaseIdentifier?.Value : "?";
        }

        return "?";
    }

    /// <summary>The database part (null: none) of every sys.certificates the statement reads.</summary>
    private static List<string?> CertificateCatalogDatabases(string statement)
    {
        var collector = new Collector();
        SqlCmdScript.Parse(statement).Accept(collector);
        return collector.Tables
            .Where(t => string.Equals(t.SchemaObject.SchemaIdentifier?.Value, "sys", StringComparison.OrdinalIgnoreCase)
                && string.Equals(t.SchemaObject.BaseIdentifier.Value, "certificates", StringComparison.OrdinalIgnoreCase))
            .Select(t => t.SchemaObject.DatabaseIdentifier?.Value)
            .ToList();
    }

    /// <summary>The text of a string expression made of literals, + and QUOTENAME of a literal; null otherwise.</summary>
    private static string? Evaluate(ScalarExpression expression) => expression switch
    {
        StringLiteral literal => literal.Value,
        BinaryExpression { BinaryExpressionType: BinaryExpressionType.Add } add
            when Evaluate(add.FirstExpression) is { } first && Evaluate(add.SecondExpression) is { } second => first + second,
        FunctionCall { FunctionName.Value: var function, Parameters: [StringLiteral name] }
            when string.Equals(function, "QUOTENAME", StringComparison.OrdinalIgnoreCase) => "[" + name.Value.Replace("]", "]]", StringComparison.Ordinal) + "]",
        ParenthesisExpression parenthesis => Evaluate(parenthesis.Expression),
        _ => null,
    };

    private sealed class Collector : TSqlFragmentVisitor
    {
        public List<TSqlFragment> InOrder { get; } = [];

        public List<NamedTableReference> Tables { get; } = [];

        public override void Visit(UseStatement node) => InOrder.Add(node);

        public override void Visit(DeclareVariableElement node) => InOrder.Add(node);

        public override void Visit(SetVariableStatement node) => InOrder.Add(node);

        public override void Visit(ExecuteStatement node) => InOrder.Add(node);

        public override void Visit(NamedTableReference node) => Tables.Add(node);
    }
}
