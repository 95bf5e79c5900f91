using System.ComponentModel;

namespace Foundation.Deploy;

/// <summary>
/// Every exit code the tool returns, in one place. <c>--help</c> prints this list from the descriptions below, and
/// docs/deployment.md lists the same table (DeployHelpTests keeps the three in step).
/// The pipeline branches on these: 0 proceed, 2 stop for human review, anything else failed.
/// </summary>
public enum ExitCode
{
    [Description("done; for plan: nothing in the plan needs a human")]
    Success = 0,

    [Description("an unexpected error (a bug, or an environment problem not covered below)")]
    Failure = 1,

    [Description("plan: data loss, rebuild, blocking or size-of-data operation, RLS policy dropped, down step, unused allowance or another DacFx alert")]
    ReviewRequired = 2,

    [Description("bad input (option, file, profile, allowance, dacpac, migration, connection string); nothing was touched")]
    InvalidInput = 3,

    [Description("the server could not be reached, refused the login, or the connection breaks the connection policy")]
    ConnectionFailed = 4,

    [Description("a gate refused the deployment (data loss or rebuild not allowed, unused allowance, down step missing, plan not the reviewed one); nothing changed")]
    GateRefused = 5,

    [Description("the database differs from the release it records (or that release's dacpac cannot be found); nothing changed")]
    DriftDetected = 6,

    [Description("another deployment holds the deployment lock; nothing changed")]
    LockHeld = 7,

    [Description("the deployment ran and failed; recorded as Failed in Deploy.SchemaHistory")]
    DeploymentFailed = 8,

    [Description("data validation found violations (after publish or rollback, or from verify)")]
    ValidationFailed = 9,
}
