using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Deployment.Rehearsal.Invariants;

/// <summary>
/// A security policy is never absent outside a transaction: a DROP SECURITY POLICY (or ALTER ... STATE = OFF) runs inside
/// a transaction, and the policy is back (CREATE, or STATE = ON) before that transaction commits. Other sessions cannot
/// read the tables meanwhile: the transaction holds their schema-modification locks until it commits (live test
/// DeploymentSafetyLiveTests.DroppedPolicy_BlocksEveryOtherReader_UntilTheTransactionCommits). Read from the script,
/// not from a list of names: any policy the model has.
/// </summary>
public sealed class NoSecurityPolicyAbsentOutsideATransaction : IDeploymentInvariant
{
    public string Name => "no security policy is absent outside a transaction";

    public IReadOnlyList<string> Check(RehearsalScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var violations = new List<string>();
        var absent = new Dictionary<string, ScriptStatement>(StringComparer.OrdinalIgnoreCase);
        foreach (var statement in script.Statements.Where(s => script.Depths.Before(s) is not null))
        {
            var depth = script.Depths.Before(statement)!.Value;
            var (policy, removes, restores) = statement.Fragment switch
            {
                DropSecurityPolicyStatement d => (string.Join(", ", d.Objects.Select(StatementFacts.Name)), true, false),
                CreateSecurityPolicyStatement c => (StatementFacts.Name(c.Name), false, c.SecurityPolicyOptions.All(o => o.OptionState != OptionState.Off)),
                AlterSecurityPolicyStatement a => (StatementFacts.Name(a.Name), Sets(a, OptionState.Off), Sets(a, OptionState.On)),
                _ => (null, false, false),
            };
            if (policy is not null && removes)
            {
                if (depth == 0)
                {
                    violations.Add($"{policy} is removed outside a transaction: {statement.Describe()}");
                }

                absent[policy] = statement;
            }
            else if (policy is not null && restores)
            {
                absent.Remove(policy);
            }

            if (statement.Fragment is CommitTransactionStatement && script.Depths.After(statement) == 0)
            {
                violations.AddRange(absent.Select(a => $"{a.Key} is still absent when the transaction commits ({statement.Describe()}); removed by {a.Value.Describe()}"));
                absent.Clear();
            }
        }

        violations.AddRange(absent.Select(a => $"{a.Key} is absent at the end of the script; removed by {a.Value.Describe()}"));
        return violations;
    }

    private static bool Sets(AlterSecurityPolicyStatement statement, OptionState state) =>
        statement.SecurityPolicyOptions.Any(o => o.OptionKind == SecurityPolicyOptionKind.State && o.OptionState == state);
}
