namespace Foundation.Database.Tests.Deployment.Rehearsal.Invariants;

/// <summary>
/// A data migration, up or down, commits only when no gate and no part of the schema change can still stop the
/// deployment: its transaction commits after every gate (the pre-deployment refusals, DacFx's "Rows were detected"
/// checks) and after the last statement of the schema change. Up steps run after the schema change; the tool's down
/// steps run inside the transaction that also holds the schema change. A down step that commits in the
/// pre-deployment script (release 1.0.0's loop, run by SqlPackage) breaks it: a later data-loss check could stop the
/// deployment with the data already reverted.
/// </summary>
public sealed class MigrationsCommitOnlyWithTheSchemaChange : IDeploymentInvariant
{
    public string Name => "data migrations commit only after every gate and with the schema change";

    public IReadOnlyList<string> Check(RehearsalScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var lastGate = script.Statements.Where(StatementFacts.IsGate).Select(s => s.Position).DefaultIfEmpty(-1).Max();
        var lastSchema = script.In(ScriptPhase.Schema).Where(s => s.ToolBatch is null).Select(s => s.Position).DefaultIfEmpty(-1).Max();
        var violations = new List<string>();
        foreach (var step in script.Statements.Where(s => StatementFacts.IsMigrationStep(s, script)))
        {
            var commit = script.CommitPointOf(step);
            if (commit is null || commit < lastGate || commit < lastSchema)
            {
                violations.Add($"commits {(commit is null ? "never" : $"at statement {commit}")}, before the last gate (statement {lastGate}) or the end of the schema change (statement {lastSchema}): {step.Describe()}");
            }
        }

        return violations;
    }
}
