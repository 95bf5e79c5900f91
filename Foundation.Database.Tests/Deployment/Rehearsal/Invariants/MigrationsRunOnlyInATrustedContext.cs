namespace Foundation.Database.Tests.Deployment.Rehearsal.Invariants;

/// <summary>
/// Every data-migration step runs in a trusted deployment context: its batch refuses, before the step, when
/// <c>[Security].[fn_SessionIsTrusted]()</c> returns nothing, and its session has called
/// <c>[Security].[usp_SetDeploymentSessionContext]</c> before it.
/// </summary>
public sealed class MigrationsRunOnlyInATrustedContext : IDeploymentInvariant
{
    public string Name => "every data migration runs in a trusted deployment context";

    public IReadOnlyList<string> Check(RehearsalScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var violations = new List<string>();
        foreach (var step in script.Statements.Where(s => StatementFacts.IsMigrationStep(s, script)))
        {
            if (!script.Statements.Any(s => s.Batch == step.Batch && s.Position < step.Position && StatementFacts.RefusesWithoutTrustedContext(s)))
            {
                violations.Add("no refusal without a trusted context before: " + step.Describe());
            }

            if (!script.Statements.Any(s => s.Session == step.Session && s.Position < step.Position && StatementFacts.SetsDeploymentContext(s)))
            {
                violations.Add("its session never establishes the deployment context: " + step.Describe());
            }
        }

        return violations;
    }
}
