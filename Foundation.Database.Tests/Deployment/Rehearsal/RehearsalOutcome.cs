using Foundation.Deploy.Planning;

namespace Foundation.Database.Tests.Deployment.Rehearsal;

/// <summary>What the rehearsal got for a case: the tool's plan and script, or DacFx's script, or DacFx's refusal.</summary>
public sealed record RehearsalOutcome(RehearsalCase Case, DeploymentPlan? Plan, string? Script, RehearsalScript? Parsed, string? RefusedByDacFx);
