using Foundation.Database.Tests.Deployment.Rehearsal.Invariants;
using Foundation.Deploy.Planning;

namespace Foundation.Database.Tests.Deployment.Rehearsal;

/// <summary>
/// The rehearsal: every scenario, forward and rolled back, with each profile, through the tool and through plain
/// SqlPackage, generates DacFx's actual deploy script, and every invariant (<see cref="DeploymentInvariants"/>) holds
/// over its ordered statements. A case DacFx itself refuses (no script) changes nothing and is checked elsewhere.
/// </summary>
[Collection(RehearsalFixture.CollectionName)]
public sealed class RehearsalInvariantTests(RehearsalFixture rehearsal)
{
    public static TheoryData<string, DeploymentDirection, string, RehearsalPath> Cases() =>
        [.. RehearsalCase.All.Select(c => (c.Scenario.Name, c.Direction, c.Profile, c.Path))];

    [Theory]
    [MemberData(nameof(Cases))]
    public void DeployScript_KeepsEveryInvariant(string scenario, DeploymentDirection direction, string profile, RehearsalPath path)
    {
        var outcome = rehearsal.Outcome(new RehearsalCase(RehearsalScenario.Named(scenario), direction, profile, path));

        Assert.SkipWhen(outcome.Parsed is null, "DacFx refuses this deployment before it runs anything: " + outcome.RefusedByDacFx);
        Assert.SkipWhen(
            scenario == "fresh-database" && direction == DeploymentDirection.Rollback,
            "a rollback to no release at all (an empty dacpac, without Foundation's deployment scripts) is refused by the gates: RehearsalGateTests");
        var violations = DeploymentInvariants.Check(outcome.Parsed!);
        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }
}
