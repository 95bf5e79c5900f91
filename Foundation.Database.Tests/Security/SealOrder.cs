using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Security;

/// <summary>
/// The order that keeps a connection from holding keys without a seal, in the one procedure that sets keys
/// ([Security].[usp_SealSessionContext]): the seal is inserted, inside a transaction that is committed, before the first
/// key is set, and the nonce key is set last (until it is set, nobody can complete the context to match the seal).
/// </summary>
public static class SealOrder
{
    private const string KeyProcedure = "usp_SetReadOnlySessionKey";
    private const string NonceKey = "Foundation.SessionNonce";

    public static IReadOnlyList<string> FindViolations(string procedureScript)
    {
        ArgumentNullException.ThrowIfNull(procedureScript);
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(procedureScript);
        var fragment = parser.Parse(reader, out var errors);
        if (errors.Count > 0)
        {
            return [$"The procedure does not parse: {errors[0].Message} (line {errors[0].Line})."];
        }

        var statements = new StatementCollector();
        fragment.Accept(statements);

        var sealInsert = statements.Inserts.FirstOrDefault(i => i.Target.EndsWith("[SessionSeals]", StringComparison.OrdinalIgnoreCase));
        var commit = statements.Commits.FirstOrDefault();
        var keys = statements.KeyCalls;
        var violations = new List<string>();
        if (sealInsert is null)
        {
            violations.Add("No INSERT INTO [Security].[SessionSeals]: nothing seals the context.");
        }

        if (keys.Count == 0)
        {
            violations.Add($"No EXECUTE of {KeyProcedure}: the procedure sets no key.");
        }

        if (sealInsert is not null && (commit is null || commit.Offset < sealInsert.Offset))
        {
            violations.Add("The seal is not committed after it is inserted.");
        }

        var afterCommit = commit?.Offset ?? sealInsert?.Offset ?? -1;
        violations.AddRange(keys.Where(k => k.Offset < afterCommit).Select(k => $"Key {k.Key} is set before the seal is committed."));
        if (keys.Count > 0 && keys[^1].Key != NonceKey)
        {
            violations.Add($"The last key set is {keys[^1].Key}, not {NonceKey}.");
        }

        return violations;
    }

    private sealed record Located(int Offset, string Target);

    private sealed record KeyCall(int Offset, string Key);

    private sealed class StatementCollector : TSqlFragmentVisitor
    {
        public List<Located> Inserts { get; } = [];

        public List<Located> Commits { get; } = [];

        public List<KeyCall> KeyCalls { get; } = [];

        public override void ExplicitVisit(InsertStatement node)
        {
            ArgumentNullException.ThrowIfNull(node);
            if (node.InsertSpecification.Target is NamedTableReference table)
            {
                Inserts.Add(new Located(node.StartOffset, string.Join(".", table.SchemaObject.Identifiers.Select(i => $"[{i.Value}]"))));
            }

            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(CommitTransactionStatement node)
        {
            ArgumentNullException.ThrowIfNull(node);
            Commits.Add(new Located(node.StartOffset, "COMMIT"));
            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(ExecuteStatement node)
        {
            ArgumentNullException.ThrowIfNull(node);
            if (node.ExecuteSpecification.ExecutableEntity is ExecutableProcedureReference call
                && call.ProcedureReference.ProcedureReference.Name.BaseIdentifier.Value == KeyProcedure)
            {
                var key = call.Parameters
                    .Where(p => string.Equals(p.Variable?.Name, "@Key", StringComparison.OrdinalIgnoreCase) || p.Variable is null)
                    .Select(p => p.ParameterValue)
                    .OfType<StringLiteral>()
                    .Select(s => s.Value)
                    .FirstOrDefault() ?? "(not a literal)";
                KeyCalls.Add(new KeyCall(node.StartOffset, key));
            }

            base.ExplicitVisit(node);
        }
    }
}
