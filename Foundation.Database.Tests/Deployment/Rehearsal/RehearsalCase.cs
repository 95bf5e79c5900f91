using Foundation.Deploy.Planning;

namespace Foundation.Database.Tests.Deployment.Rehearsal;

/// <summary>One rehearsed deployment: a scenario, forward or back, with a profile, on a path.</summary>
public sealed record RehearsalCase(RehearsalScenario Scenario, DeploymentDirection Direction, string Profile, RehearsalPath Path)
{
    /// <summary>
    /// The cases the rehearsal checks. Through the tool: every scenario, both ways, with Production. Through SqlPackage:
    /// every scenario forward (a rollback with SqlPackage is another forward deployment with another DeploymentDirection
    /// value), and the rollback that needs down steps. Local, which differs from Production only in
    /// DropObjectsNotInSource (RehearsalProfileTests), for a first deployment and a predicate change, both ways of deploying.
    /// </summary>
    public static IReadOnlyList<RehearsalCase> All { get; } =
    [
        .. RehearsalScenario.All.SelectMany(s => new RehearsalCase[]
        {
            new(s, DeploymentDirection.Deploy, "Production", RehearsalPath.Tool),
            new(s, DeploymentDirection.Rollback, "Production", RehearsalPath.Tool),
            new(s, DeploymentDirection.Deploy, "Production", RehearsalPath.SqlPackage),
        }),
        new(RehearsalScenario.Named("add-migration"), DeploymentDirection.Rollback, "Production", RehearsalPath.SqlPackage),
        .. new[] { "fresh-database", "change-predicate-function" }.SelectMany(s => new RehearsalCase[]
        {
            new(RehearsalScenario.Named(s), DeploymentDirection.Deploy, "Local", RehearsalPath.Tool),
            new(RehearsalScenario.Named(s), DeploymentDirection.Deploy, "Local", RehearsalPath.SqlPackage),
        }),
    ];

    public override string ToString() => $"{Scenario.Name} {Direction.ToString().ToLowerInvariant()} {Profile} {Path}";
}
