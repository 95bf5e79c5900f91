using Microsoft.SqlServer.Dac;

namespace Foundation.Deploy.Planning;

/// <summary>
/// The DacFx options Foundation.Deploy actually plans and deploys with: the profile's, with the settings that the
/// deployment guarantees rest on forced (docs/deployment.md, "What is guaranteed"). The offline rehearsal generates its
/// scripts with exactly these options, so what it checks is what the tool runs.
/// <list type="bullet">
/// <item><c>IncludeTransactionalScripts</c>: the schema change is one transaction (a dropped security policy is recreated
/// before it commits); the tool widens that transaction to the pre-deployment script and the down steps.</item>
/// <item><c>ScriptDatabaseOptions = false</c>: DacFx would change database options before the lock and the guards.</item>
/// <item><c>ScriptNewConstraintValidation = false</c>: DacFx would validate new constraints after the post-deployment
/// script, after the history row said Succeeded; post-deployment 910 validates them before.</item>
/// <item><c>BlockOnPossibleDataLoss = false</c> and <c>AllowUnsafeRowLevelSecurityDataMovement = true</c>: the plan must
/// show every data loss and every rebuild (an RLS table's included) instead of failing; the tool's own gates refuse each
/// one that is not allowed by name before anything runs, so the checks DacFx would script are the tool's gates.</item>
/// <item>database audit specifications, certificates and signatures are never dropped (post-deployment 080 owns
/// Foundation's audit specification, 070 the certificate that signs the Monitoring procedures), and a rollback drops
/// the objects the rolled-back release added (<c>DropObjectsNotInSource</c>; the drift gate has proven there are no others).</item>
/// </list>
/// </summary>
public static class EffectiveDeployOptions
{
    /// <summary>Object types whose target-only objects a deployment never drops (environment-owned, or owned by post-deployment).</summary>
    public static IReadOnlyList<ObjectType> NeverDropped { get; } =
    [
        ObjectType.Users, ObjectType.Logins, ObjectType.RoleMembership, ObjectType.ServerRoleMembership, ObjectType.ServerRoles,
        ObjectType.DatabaseAuditSpecifications, ObjectType.Certificates, ObjectType.Signatures,
    ];

    public static DacDeployOptions For(DacDeployOptions profileOptions, DeploymentDirection direction)
    {
        ArgumentNullException.ThrowIfNull(profileOptions);
        var options = DeployOptionsCopier.Copy(profileOptions);
        options.IncludeTransactionalScripts = true;
        options.ScriptDatabaseOptions = false;
        options.ScriptNewConstraintValidation = false;
        options.BlockOnPossibleDataLoss = false;
        options.AllowUnsafeRowLevelSecurityDataMovement = true;
        options.CreateNewDatabase = false;
        options.DoNotDropObjectTypes = [.. (options.DoNotDropObjectTypes ?? []).Union(NeverDropped)];
        if (direction == DeploymentDirection.Rollback)
        {
            options.DropObjectsNotInSource = true;
        }

        return options;
    }
}
