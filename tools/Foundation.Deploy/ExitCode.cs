namespace Foundation.Deploy;

/// <summary>
/// Every exit code the tool returns, in one place (docs/deployment.md lists the same table).
/// The pipeline branches on these: 0 proceed, 2 stop for human review, anything else failed.
/// </summary>
public enum ExitCode
{
    /// <summary>The verb did what was asked; for <c>plan</c>: nothing in the plan needs a human.</summary>
    Success = 0,

    /// <summary>An unexpected error (a bug or an environment problem not covered below).</summary>
    Failure = 1,

    /// <summary><c>plan</c> only: the plan has data-loss alerts, rebuilds, blocking operations, RLS gaps or down steps.</summary>
    ReviewRequired = 2,

    /// <summary>Bad input: missing or corrupt dacpac, unknown profile, malformed migration, bad option. Nothing was touched.</summary>
    InvalidInput = 3,

    /// <summary>The server could not be reached, refused the login, or the connection breaks the connection policy.</summary>
    ConnectionFailed = 4,

    /// <summary>A gate refused the deployment (data loss or table rebuild not allowed, down step missing). Nothing was changed.</summary>
    GateRefused = 5,

    /// <summary>The target's schema differs from the release it records (drift). Nothing was changed.</summary>
    DriftDetected = 6,

    /// <summary>Another deployment holds the deployment lock. Nothing was changed.</summary>
    LockHeld = 7,

    /// <summary>The deployment ran and failed; it is recorded as failed in Deploy.SchemaHistory.</summary>
    DeploymentFailed = 8,

    /// <summary>Data validation found violations (after a publish or rollback, or from <c>verify</c>).</summary>
    ValidationFailed = 9,
}
