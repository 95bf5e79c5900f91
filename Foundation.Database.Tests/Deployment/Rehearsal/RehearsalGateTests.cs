using Foundation.Database.Tests.Deployment.Fixtures;
using Foundation.Deploy;
using Foundation.Deploy.Cli;
using Foundation.Deploy.Planning;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Deployment.Rehearsal;

/// <summary>
/// What the gates decide for the rehearsal's scenarios, from the tool's actual plans of the project's variants: data
/// loss only by name, RLS-table rebuilds reported and refused as rebuilds, rollbacks that may lose only what the release
/// they return to never had, down steps inside the deployment transaction, expand/contract, irreversible migrations;
/// and what plain SqlPackage does with the same deployments.
/// </summary>
[Collection(RehearsalFixture.CollectionName)]
public sealed class RehearsalGateTests(RehearsalFixture rehearsal)
{
    [Fact]
    public void DropColumn_IsRefusedNamingEachColumn_UnlessEachIsAllowed()
    {
        var refused = Report("drop-column-not-allowed");
        var allowed = Report("drop-column-allowed");

        Assert.Contains(refused.GateRefusals, r => r.Contains("[Tenancy].[Tenants].[RehearsalNote]", StringComparison.Ordinal));
        Assert.Contains(refused.GateRefusals, r => r.Contains("[History].[Tenants].[RehearsalNote]", StringComparison.Ordinal));
        Assert.Empty(allowed.GateRefusals);
        Assert.Equal(refused.ScriptHash, allowed.ScriptHash);
    }

    [Fact]
    public void DropColumn_ThroughSqlPackage_ChecksForRowsBeforeAnyMigrationOrSchemaChange()
    {
        var script = Outcome("drop-column-not-allowed", DeploymentDirection.Deploy, RehearsalPath.SqlPackage).Parsed!;

        var check = Assert.Single(script.Statements, s => s.Fragment is IfStatement && s.Text.Contains("Rows were detected", StringComparison.Ordinal) && s.Text.Contains("[Tenancy].[Tenants]", StringComparison.Ordinal));
        Assert.True(script.Depths.Before(check) > 0, "DacFx's data-loss check runs inside its transaction");
        Assert.DoesNotContain(script.Statements, s => s.Position < check.Position && s.Phase == ScriptPhase.Schema && s.Fragment is AlterTableStatement);
    }

    /// <summary>
    /// Why plain SqlPackage's data-loss protection does not cover a row-level-security table (docs/deployment.md, "Not
    /// guaranteed"): DacFx's check (<c>IF EXISTS (select top 1 1 from [Tenancy].[Tenants]) RAISERROR ...</c>) runs
    /// while the table's security policy is still on, and on a session that has no deployment context yet (000 sets it
    /// after the schema change, by design). The filter predicate hides every row from such a session, whoever it is
    /// (RLS applies to db_owner and sysadmin too), so the check finds none and the column is dropped with its data.
    /// The tool does not rely on this check (BlockOnPossibleDataLoss=False, allowances by name).
    /// </summary>
    [Fact]
    public void DropColumnOfAnRlsTable_ThroughSqlPackage_ChecksForRowsWhileThePolicyStillHidesThem()
    {
        var script = Outcome("drop-column-not-allowed", DeploymentDirection.Deploy, RehearsalPath.SqlPackage).Parsed!;

        var check = Assert.Single(script.Statements, s => s.Fragment is IfStatement && s.Text.Contains("Rows were detected", StringComparison.Ordinal) && s.Text.Contains("[Tenancy].[Tenants]", StringComparison.Ordinal));
        var policyDrop = Assert.Single(script.Statements, s => s.Fragment is DropSecurityPolicyStatement d && d.Objects.Any(o => o.BaseIdentifier.Value == "TenantIsolationPolicy"));
        Assert.True(check.Position < policyDrop.Position, "DacFx checks for rows before it drops the policy that filters them");
        Assert.DoesNotContain(script.Statements, s => s.Position < check.Position && StatementFacts.SetsDeploymentContext(s));
    }

    [Fact]
    public void RlsTableRebuild_IsReportedAsARebuildUnderRowLevelSecurity_AndRefusedUntilAllowed()
    {
        var refused = Report("rebuild-rls-table-not-allowed");
        var allowed = Report("rebuild-rls-table");

        var rebuild = Assert.Single(refused.TableRebuilds, r => r.Table == "[Identity].[Users]");
        Assert.True(rebuild.UnderRowLevelSecurity);
        Assert.Contains("Table rebuild of [Identity].[Users] (under row-level security) is not allowed.", refused.GateRefusals);
        Assert.True(refused.RequiresReview);
        Assert.Empty(allowed.GateRefusals);
        Assert.All(allowed.TableRebuilds, r => Assert.NotNull(r.AllowedBy));
    }

    [Fact]
    public void RlsTableRebuild_ThroughSqlPackage_IsRefusedByDacFxBeforeAnythingRuns()
    {
        var outcome = Outcome("rebuild-rls-table", DeploymentDirection.Deploy, RehearsalPath.SqlPackage);

        Assert.Null(outcome.Script);
        Assert.Contains("SR0111", outcome.RefusedByDacFx, StringComparison.Ordinal);
        Assert.Contains("[Identity].[Users]", outcome.RefusedByDacFx, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanVerb_ExitsReviewRequired_NamingTheRlsTable_WhenItsRebuildIsNotAllowed()
    {
        var console = new RecordingConsole();

        var exit = await DeployCli.RunAsync(
            ["plan", "--source", rehearsal.Variants[RehearsalVariants.UsersRebuilt], "--target-dacpac", rehearsal.Variants[RehearsalVariants.Base], "--profile", "Production"],
            console,
            TestContext.Current.CancellationToken);

        Assert.Equal((int)ExitCode.ReviewRequired, exit);
        Assert.Contains("[Identity].[Users]", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void PredicateAndSessionHashChanges_DropAndRecreateTheirPolicies_InsideTheDeploymentTransaction()
    {
        foreach (var scenario in new[] { "change-predicate-function", "change-session-context-hash" })
        {
            var report = Report(scenario);
            var script = Outcome(scenario, DeploymentDirection.Deploy, RehearsalPath.Tool).Parsed!;

            Assert.Contains(report.RlsChanges, c => c.Change == RlsPolicyChange.DroppedAndRecreated);
            var drops = script.Statements.Where(s => s.Fragment is DropSecurityPolicyStatement).ToList();
            Assert.NotEmpty(drops);
            Assert.All(drops, d => Assert.True(script.Depths.Before(d) >= 2, $"{scenario}: {d.Describe()} runs outside the tool's and DacFx's transactions"));
        }
    }

    [Fact]
    public void RollbackOfAnAddedColumn_AcceptsItsDataLoss_AsTheReleaseRolledBackToNeverHadIt()
    {
        var report = Report("add-column", DeploymentDirection.Rollback);

        Assert.NotEmpty(report.DataLoss);
        Assert.All(report.DataLoss, a => Assert.StartsWith("rollback to ", a.AllowedBy, StringComparison.Ordinal));
        Assert.Empty(report.GateRefusals);
    }

    [Fact]
    public void RollbackOfANarrowedColumn_WidensItWithoutDataLoss()
    {
        var report = Report("narrow-column", DeploymentDirection.Rollback);

        Assert.Empty(report.DataLoss);
        Assert.Empty(report.GateRefusals);
    }

    [Fact]
    public void RollbackOfAColumnAndItsMigration_RunsTheDownStepInsideTheDeploymentTransaction_BeforeTheColumnIsDropped()
    {
        var report = Report("add-column-with-migration", DeploymentDirection.Rollback);
        var script = Outcome("add-column-with-migration", DeploymentDirection.Rollback, RehearsalPath.Tool).Parsed!;

        var down = Assert.Single(report.Migrations);
        Assert.Equal((RehearsalVariants.RehearsalMigration.Id, PlannedMigration.Down), (down.Id, down.Direction));
        Assert.Empty(report.GateRefusals);
        var step = Assert.Single(script.Statements, s => s.ToolBatch?.StartsWith("data-migration down steps", StringComparison.Ordinal) == true && StatementFacts.IsMigrationStep(s, script));
        var drop = Assert.Single(script.Statements, s => s.Fragment is AlterTableDropTableElementStatement d && StatementFacts.Name(d.SchemaObjectName) == "[Tenancy].[Tenants]");
        Assert.True(step.Position < drop.Position, "the down step reads the column before the schema change drops it");
        Assert.True(script.Depths.Before(step) >= 1 && script.CommitPointOf(step) > drop.Position, "the down step commits with the schema change");
    }

    [Fact]
    public void RollbackNeedingDownSteps_ThroughSqlPackage_HasNoDownStepAndIsRefusedByTheGuardBeforeAnyChange()
    {
        var script = Outcome("add-migration", DeploymentDirection.Rollback, RehearsalPath.SqlPackage).Parsed!;

        Assert.DoesNotContain(script.Statements, s => StatementFacts.IsMigrationStep(s, script) && s.Phase != ScriptPhase.PostDeployment);
        var guard = Assert.Single(script.Statements, s => s.Fragment is ThrowStatement { ErrorNumber: IntegerLiteral { Value: "50312" } });
        Assert.Equal(ScriptPhase.PreDeployment, guard.Phase);
        Assert.DoesNotContain(script.Statements, s => s.Position < guard.Position && s.Enclosing.Count == 0 && Invariants.NothingChangesBeforeTheGates.Changes(s.Fragment));
    }

    [Fact]
    public void AMigrationReadingAColumnTheSameReleaseDrops_IsRefused_ExpandThenContract()
    {
        var report = Report("drop-column-an-unapplied-migration-reads");

        var refusal = Assert.Single(report.GateRefusals);
        Assert.Contains(RehearsalVariants.RehearsalMigration.Id, refusal, StringComparison.Ordinal);
        Assert.Contains("reads [Tenancy].[Tenants].[RehearsalNote]", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void RollingBackBelowTheFirstRelease_IsRefused_ItsMigrationsAreIrreversible()
    {
        var report = Report("fresh-database", DeploymentDirection.Rollback);

        Assert.Contains(report.GateRefusals, r => r.Contains("0002-expire-lapsed-role-assignments must be rolled back but is irreversible", StringComparison.Ordinal));
        Assert.Contains(report.GateRefusals, r => r.Contains("0001-backfill-user-display-names must be rolled back but is irreversible", StringComparison.Ordinal));
    }

    [Fact]
    public void NoOp_HasNoSchemaOperationAndNoMigration_AndTheSamePlanHasTheSameHash()
    {
        var report = Report("no-op");
        var again = DeploymentPlanner.Plan(
            rehearsal.Dacpac(RehearsalVariants.Base),
            rehearsal.Dacpac(RehearsalVariants.Base),
            RehearsalFixture.Request(new RehearsalCase(RehearsalScenario.Named("no-op"), DeploymentDirection.Deploy, "Production", RehearsalPath.Tool), rehearsal.Dacpac(RehearsalVariants.Base))).Report;

        Assert.Empty(report.Operations);
        Assert.Empty(report.Migrations);
        Assert.Equal(report.Hash, again.Hash);
        Assert.NotEqual(report.Hash, Report("add-column").Hash);
    }

    private DeploymentReport Report(string scenario, DeploymentDirection direction = DeploymentDirection.Deploy) =>
        Outcome(scenario, direction, RehearsalPath.Tool).Plan!.Report;

    private RehearsalOutcome Outcome(string scenario, DeploymentDirection direction, RehearsalPath path) =>
        rehearsal.Outcome(new RehearsalCase(RehearsalScenario.Named(scenario), direction, "Production", path));
}
