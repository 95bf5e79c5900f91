using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Deployment.Rehearsal.Invariants;

/// <summary>
/// The history row says Succeeded only after the last statement that can fail: exactly one statement records Succeeded,
/// in the post-deployment script, and after it only PRINT, SET, DECLARE and the release of the deployment lock run
/// (DacFx's "WITH CHECK CHECK CONSTRAINT" validation after the post-deployment script would break it).
/// </summary>
public sealed class SucceededIsRecordedLast : IDeploymentInvariant
{
    private static readonly HashSet<string> _releaseProcedures = new(StringComparer.OrdinalIgnoreCase) { "sp_releaseapplock", "sp_executesql" };

    public string Name => "the history says Succeeded only after the last statement that can fail";

    public IReadOnlyList<string> Check(RehearsalScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var records = script.Statements.Where(StatementFacts.RecordsSucceeded).ToList();
        if (records.Count == 0 || records.Any(r => r.Phase != ScriptPhase.PostDeployment))
        {
            return [$"Succeeded is recorded {records.Count} time(s), not once in the post-deployment script"];
        }

        var last = records.Max(r => r.Position);
        return script.Statements
            .Where(s => s.Position > last && s.Enclosing.Count == 0 && !Inert(s.Fragment))
            .Select(s => "runs after Succeeded was recorded: " + s.Describe())
            .ToList();
    }

    private static bool Inert(TSqlStatement statement) => statement switch
    {
        PrintStatement or PredicateSetStatement or SetCommandStatement or DeclareVariableStatement or SetVariableStatement => true,
        IfStatement i => Inert(i.ThenStatement) && (i.ElseStatement is null || Inert(i.ElseStatement)),
        BeginEndBlockStatement b => b.StatementList.Statements.All(Inert),
        // Releasing the lock (and reading its mode in the lock's database) cannot fail the deployment's work.
        ExecuteStatement => StatementFacts.Executes(statement) is { } name && (name.StartsWith('@') || _releaseProcedures.Contains(name)),
        _ => false,
    };
}
