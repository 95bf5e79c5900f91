namespace Foundation.Deploy.Planning;

/// <summary>Whether a deployment moves forward (a new release) or back (to an earlier release). Recorded as is.</summary>
public enum DeploymentDirection
{
    Deploy,
    Rollback,
}
