using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Deployment.Rehearsal.Invariants;

/// <summary>
/// A CATCH block that runs while a transaction is open writes nothing unless an enclosing IF inside the block tests
/// XACT_STATE(). Under XACT_ABORT ON an error in the TRY block makes the open transaction uncommittable, and "the session
/// can't perform any write operations until it rolls back the transaction" (XACT_STATE, Transact-SQL reference): the
/// write fails with 3930, and that error replaces the one the block meant to raise (its THROW never runs), so the
/// deployment fails with a message, and an error number, that say nothing of the cause.
/// </summary>
public sealed class NoWriteInACatchOfADoomedTransaction : IDeploymentInvariant
{
    public string Name => "a CATCH block inside a transaction writes only where XACT_STATE() allows it";

    public IReadOnlyList<string> Check(RehearsalScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var violations = new List<string>();
        foreach (var block in script.Statements.Where(s => s.Fragment is TryCatchStatement && script.Depths.Before(s) > 0))
        {
            var tryCatch = (TryCatchStatement)block.Fragment;
            violations.AddRange(script.Statements
                .Where(s => s.Enclosing.Contains(tryCatch) && InCatch(tryCatch, s.Fragment) && IsWrite(s.Fragment)
                    && !s.Enclosing.Any(e => e is IfStatement i && InCatch(tryCatch, i) && TestsXactState(i)))
                .Select(s => "writes in a CATCH block while the deployment transaction is open (uncommittable after the error): " + s.Describe()));
        }

        return violations;
    }

    private static bool InCatch(TryCatchStatement tryCatch, TSqlFragment fragment) =>
        tryCatch.CatchStatements.Statements.Count > 0
        && fragment.FirstTokenIndex >= tryCatch.CatchStatements.Statements[0].FirstTokenIndex
        && fragment.LastTokenIndex <= tryCatch.CatchStatements.Statements[^1].LastTokenIndex;

    private static bool IsWrite(TSqlStatement statement) => statement is InsertStatement or UpdateStatement or DeleteStatement or MergeStatement;

    private static bool TestsXactState(IfStatement statement)
    {
        var tokens = statement.ScriptTokenStream;
        return tokens is not null && tokens
            .Skip(statement.Predicate.FirstTokenIndex)
            .Take(statement.Predicate.LastTokenIndex - statement.Predicate.FirstTokenIndex + 1)
            .Any(t => string.Equals(t.Text, "XACT_STATE", StringComparison.OrdinalIgnoreCase));
    }
}
