using Foundation.Deploy.Profiles;
using Microsoft.SqlServer.Dac;

namespace Foundation.Deploy.Planning;

/// <summary>How to plan: the deploy options (from a profile), SQLCMD variable values, the allowances and the direction.</summary>
public sealed record PlanRequest(
    DacDeployOptions Options,
    IReadOnlyDictionary<string, string> Variables,
    DeploymentAllowances Allowances,
    DeploymentDirection Direction)
{
    /// <summary>The publish profile's name, shown at the top of the report with its key options (null: DacFx defaults, no profile).</summary>
    public string? ProfileName { get; init; }

    /// <summary>The defaults for a quick offline comparison: block on data loss, no allowances, no variables beyond the declared defaults.</summary>
    public static PlanRequest Default(DeploymentDirection direction = DeploymentDirection.Deploy) =>
        new(new DacDeployOptions { BlockOnPossibleDataLoss = true }, new Dictionary<string, string>(), DeploymentAllowances.None, direction);

    /// <summary>
    /// The options the tool plans and deploys with (<see cref="EffectiveDeployOptions"/>: the profile's, with the safety
    /// settings forced), with every declared variable given a value (declared default, then ours).
    /// </summary>
    public DacDeployOptions OptionsFor(IReadOnlyDictionary<string, string> declared)
    {
        var options = EffectiveDeployOptions.For(Options, Direction);
        options.SqlCommandVariableValues.Clear();
        foreach (var (name, value) in new SqlCmdVariables().Set(declared, "declared").Set(Variables, "request").Values)
        {
            options.SqlCommandVariableValues[name] = value;
        }

        return options;
    }
}
