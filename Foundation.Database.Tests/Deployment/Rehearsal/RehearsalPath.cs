namespace Foundation.Database.Tests.Deployment.Rehearsal;

/// <summary>How a rehearsed deployment runs: through Foundation.Deploy (its plan and composed script) or plain SqlPackage (DacFx's script with the profile as it is).</summary>
public enum RehearsalPath
{
    Tool,
    SqlPackage,
}
