using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Deployment.Rehearsal.Invariants;

/// <summary>
/// Nothing that changes the database runs before the gates: every statement before the last of the pre-deployment
/// refusals (the lock 50301, the version guard 50302, the compatibility guard 50303, the rollback guards 50311/50312)
/// only reads, sets session options or takes the lock. A script without those gates breaks it too.
/// </summary>
public sealed class NothingChangesBeforeTheGates : IDeploymentInvariant
{
    private static readonly HashSet<string> _harmlessProcedures = new(StringComparer.OrdinalIgnoreCase) { "sp_getapplock", "sp_executesql", "sp_set_session_context" };

    public string Name => "nothing changes the database before the lock and the guards";

    public IReadOnlyList<string> Check(RehearsalScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var gates = script.In(ScriptPhase.PreDeployment).Where(StatementFacts.IsGate).ToList();
        if (!gates.Any(g => g.Fragment is ThrowStatement { ErrorNumber: IntegerLiteral { Value: "50301" } })
            || !gates.Any(g => g.Fragment is ThrowStatement { ErrorNumber: IntegerLiteral { Value: "50302" } }))
        {
            return ["the pre-deployment script has no lock (50301) or no version guard (50302)"];
        }

        var lastGate = gates.Max(g => g.Position);
        return script.Statements
            .Where(s => s.Position < lastGate && s.Enclosing.Count == 0 && Changes(s.Fragment))
            .Select(s => "runs before the gates: " + s.Describe())
            .ToList();
    }

    /// <summary>Whether a statement (or anything inside it) may change the database.</summary>
    public static bool Changes(TSqlStatement statement) => statement switch
    {
        IfStatement i => Changes(i.ThenStatement) || (i.ElseStatement is not null && Changes(i.ElseStatement)),
        BeginEndBlockStatement b => b.StatementList.Statements.Any(Changes),
        TryCatchStatement t => t.TryStatements.Statements.Any(Changes) || t.CatchStatements.Statements.Any(Changes),
        WhileStatement w => Changes(w.Statement),
        // The lock step calls sp_getapplock through a variable (@LockProcedure: in master, or in the database on Azure).
        ExecuteStatement => StatementFacts.Executes(statement) is not { } name || !(_harmlessProcedures.Contains(name) || name.Equals("@LockProcedure", StringComparison.OrdinalIgnoreCase)),
        // A table variable or a temporary table is the session's own, not the database.
        InsertStatement or UpdateStatement or DeleteStatement when StatementFacts.WritesSessionTable(statement) => false,
        SetCommandStatement or PredicateSetStatement or SetVariableStatement or SetTransactionIsolationLevelStatement or SetOnOffStatement
            or UseStatement or PrintStatement or DeclareVariableStatement or DeclareTableVariableStatement or ThrowStatement or RaiseErrorStatement
            or ReturnStatement or BreakStatement or ContinueStatement or BeginTransactionStatement or SelectStatement { Into: null } => false,
        _ => true,
    };
}
