namespace Foundation.Database.Tests.Deployment.Rehearsal.Invariants;

/// <summary>
/// The deployment context is established after the schema change, never in the pre-deployment script
/// (docs/deployment.md), and a session that established one before the schema change never runs the post-deployment script: a
/// schema change to the session-context functions would have left its seal stale. The tool's down steps take their own
/// context on the deployment session; the post-deployment script runs on a new one.
/// </summary>
public sealed class DeploymentContextOnlyAfterTheSchemaChange : IDeploymentInvariant
{
    public string Name => "the deployment context is established only after the schema change";

    public IReadOnlyList<string> Check(RehearsalScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var violations = new List<string>();
        foreach (var call in script.Statements.Where(StatementFacts.SetsDeploymentContext))
        {
            if (call.Phase is ScriptPhase.Header or ScriptPhase.PreDeployment)
            {
                violations.Add("the pre-deployment script sets the deployment context: " + call.Describe());
            }
            else if (call.Phase == ScriptPhase.Schema && script.Statements.Any(s => s.Session == call.Session && s.Phase == ScriptPhase.PostDeployment))
            {
                violations.Add("a session that set the context before the schema change also runs the post-deployment script: " + call.Describe());
            }
        }

        return violations;
    }
}
