using Foundation.Database.Tests.Deployment.Fixtures;
using Foundation.Deploy.Dacpacs;
using Foundation.Deploy.Planning;

namespace Foundation.Database.Tests.Deployment;

/// <summary>Offline plans between fixture dacpacs: operations, alerts, rebuild flags, impact classes, and the rollback plan of each.</summary>
public sealed class DeploymentPlannerTests : IClassFixture<DeploymentPlannerTests.Versions>
{
    private readonly Versions _versions;

    public DeploymentPlannerTests(Versions versions) => _versions = versions;

    [Fact]
    public void Plan_IsMetadataOnlyWithoutAlerts_WhenNullableColumnIsAdded()
    {
        var report = Plan(_versions.AddColumn, _versions.Base);

        var alter = Assert.Single(report.Operations);
        Assert.Equal(("Alter", "[App].[Items]"), (alter.Action, alter.ObjectName));
        Assert.Equal(ImpactClass.MetadataOnly, alter.Impact);
        Assert.Contains("Priority", alter.Reason, StringComparison.Ordinal);
        Assert.Empty(report.DataLoss);
        Assert.Empty(report.TableRebuilds);
        Assert.False(report.RequiresReview);
    }

    [Fact]
    public void Plan_FlagsDataLossNamingTheColumn_WhenColumnIsDropped()
    {
        var report = Plan(_versions.DropColumn, _versions.Base);

        var alert = Assert.Single(report.DataLoss);
        Assert.Equal("[App].[Items].[Note]", alert.ObjectName);
        Assert.False(alert.IsAllowed);
        Assert.Contains(report.GateRefusals, r => r.Contains("[App].[Items].[Note]", StringComparison.Ordinal));
        Assert.True(report.RequiresReview);
    }

    [Fact]
    public void Plan_AllowsTheDataLoss_WhenThatColumnIsAllowedByName()
    {
        var allowances = new DeploymentAllowances().AllowDataLoss("App.Items.Note", "test");

        var report = Plan(_versions.DropColumn, _versions.Base, allowances: allowances);

        Assert.True(Assert.Single(report.DataLoss).IsAllowed);
        Assert.Empty(report.GateRefusals);
        Assert.True(report.RequiresReview);
    }

    [Fact]
    public void Plan_KeepsTheGateClosed_WhenOnlyAnotherObjectIsAllowed()
    {
        var allowances = new DeploymentAllowances().AllowDataLoss("[App].[Items]", "test").AllowDataLoss("[App].[Items].[Name]", "test");

        var report = Plan(_versions.DropColumn, _versions.Base, allowances: allowances);

        // The dropped [Note] stays refused; the two allowances that match nothing are refused too (unused).
        Assert.Single(report.GateRefusals, r => r.StartsWith("Possible data loss on [App].[Items].[Note]", StringComparison.Ordinal));
        Assert.Equal(2, report.UnusedAllowances.Count);
    }

    [Fact]
    public void Plan_FlagsDataLossAndBlockingAlter_WhenTypeIsNarrowed()
    {
        var report = Plan(_versions.NarrowType, _versions.Base);

        Assert.Equal("[App].[Items].[Name]", Assert.Single(report.DataLoss).ObjectName);
        var alter = Assert.Single(report.Operations);
        Assert.Equal(ImpactClass.Blocking, alter.Impact);
        Assert.Contains("ALTER COLUMN Name", alter.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_FlagsATableRebuildThatIsBlockingAndGated_WhenColumnIsInsertedMidTable()
    {
        var report = Plan(_versions.InsertColumnMidTable, _versions.Base);

        var rebuild = Assert.Single(report.TableRebuilds);
        Assert.Equal("[App].[Items]", rebuild.Table);
        Assert.Null(rebuild.AllowedBy);
        Assert.Equal(ImpactClass.Blocking, Assert.Single(report.Operations).Impact);
        Assert.Contains(report.GateRefusals, r => r.Contains("Table rebuild of [App].[Items]", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_OpensTheRebuildGate_WhenTheRebuildIsAllowed()
    {
        var report = Plan(_versions.InsertColumnMidTable, _versions.Base, allowances: new DeploymentAllowances().AllowRebuild("[App].[Items]", "test"));

        Assert.Empty(report.GateRefusals);
    }

    [Fact]
    public void Plan_MarksAnOfflineIndexBuildOnAnExistingTableAsBlocking()
    {
        var report = Plan(_versions.IndexExistingTable, _versions.Base);

        var index = Assert.Single(report.IndexBuilds);
        Assert.Equal("[App].[Items].[IX_App_Items_TenantId]", index.ObjectName);
        Assert.False(index.Online);
        Assert.Equal(ImpactClass.Blocking, index.Impact);
    }

    [Fact]
    public void Plan_CreatesPolicyAndTableAsMetadataOnly_WhenAnRlsTableIsAdded()
    {
        var report = Plan(_versions.AddRlsTable, _versions.Base);

        var policy = Assert.Single(report.RlsChanges);
        Assert.Equal(("[Security].[TenantIsolationPolicy]", RlsPolicyChange.Created), (policy.Policy, policy.Change));
        Assert.Equal(["[App].[Orders]"], policy.ProtectedTables);
        Assert.All(report.Operations, o => Assert.Equal(ImpactClass.MetadataOnly, o.Impact));
        Assert.Contains(report.Operations, o => o.ObjectName == "[App].[Orders].[IX_App_Orders_TenantId]" && o.Reason.Contains("created by this deployment", StringComparison.Ordinal));
        Assert.False(report.RequiresReview);
    }

    [Fact]
    public void Plan_ReportsThePolicyDroppedAndRecreated_WhenThePredicateChanges()
    {
        var report = Plan(_versions.ChangePredicate, _versions.AddRlsTable);

        var policy = Assert.Single(report.RlsChanges);
        Assert.Equal(RlsPolicyChange.DroppedAndRecreated, policy.Change);
        Assert.Equal(["[App].[Orders]"], policy.ProtectedTables);
        Assert.Contains(report.Operations, o => o.Action == "Alter" && o.ObjectName == "[Security].[fn_TenantAccessPredicate]");
        Assert.True(report.RequiresReview);
        Assert.Contains(report.ReviewReasons, r => r.Contains("row-level security", StringComparison.Ordinal));
        // The tool's script is transactional: the reviewer is told of a blocking window, not of an unfiltered one.
        var markdown = Foundation.Deploy.Reporting.MarkdownReportWriter.Write(report);
        Assert.Contains("Both inside the deployment's transaction: **sessions that use the covered tables wait until it commits**", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("not filtered by RLS", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void RollbackPlan_FlagsDataLossOnTheAddedColumn_WhenAnAddedColumnIsRolledBack()
    {
        var report = Plan(_versions.Base, _versions.AddColumn, DeploymentDirection.Rollback);

        Assert.Equal(DeploymentDirection.Rollback, report.Direction);
        Assert.Equal("[App].[Items].[Priority]", Assert.Single(report.DataLoss).ObjectName);
    }

    [Fact]
    public void RollbackPlan_IsMetadataOnly_WhenADroppedColumnIsRestored()
    {
        var report = Plan(_versions.Base, _versions.DropColumn, DeploymentDirection.Rollback);

        Assert.Empty(report.DataLoss);
        Assert.Equal(ImpactClass.MetadataOnly, report.OverallImpact);
    }

    [Fact]
    public void RollbackPlan_WidensTheTypeWithoutDataLoss_WhenANarrowedTypeIsRolledBack()
    {
        var report = Plan(_versions.Base, _versions.NarrowType, DeploymentDirection.Rollback);

        Assert.Empty(report.DataLoss);
        Assert.Equal(ImpactClass.Blocking, Assert.Single(report.Operations).Impact);
    }

    [Fact]
    public void RollbackPlan_DropsTheTableAndPolicyTheRolledBackReleaseAdded_AndAllowsOnlyThatDataLoss()
    {
        // The production profile keeps objects not in the source; a rollback drops what the newer release added anyway.
        var report = Plan(_versions.Base, _versions.AddRlsTable, DeploymentDirection.Rollback, dropObjectsNotInSource: false);

        Assert.Equal(RlsPolicyChange.Dropped, Assert.Single(report.RlsChanges).Change);
        Assert.Contains(report.Operations, o => o.Action == "Drop" && o.ObjectName == "[App].[Orders]");
        var alert = Assert.Single(report.DataLoss, a => a.ObjectName == "[App].[Orders]");
        Assert.StartsWith("rollback to ", alert.AllowedBy, StringComparison.Ordinal);
        Assert.Empty(report.GateRefusals);
    }

    [Fact]
    public void RollbackPlan_KeepsTheGateClosed_WhenTheReleaseRolledBackToHasTheColumnInANarrowerType()
    {
        var report = Plan(_versions.NarrowType, _versions.Base, DeploymentDirection.Rollback);

        var alert = Assert.Single(report.DataLoss);
        Assert.Equal("[App].[Items].[Name]", alert.ObjectName);
        Assert.False(alert.IsAllowed);
        Assert.Contains(report.GateRefusals, r => r.Contains("[App].[Items].[Name]", StringComparison.Ordinal));
    }

    [Fact]
    public void RollbackPlan_RecreatesThePolicy_WhenAPredicateChangeIsRolledBack()
    {
        var report = Plan(_versions.AddRlsTable, _versions.ChangePredicate, DeploymentDirection.Rollback);

        Assert.Equal(RlsPolicyChange.DroppedAndRecreated, Assert.Single(report.RlsChanges).Change);
    }

    [Fact]
    public void Plan_GivesTheSameHash_WhenTheSamePlanIsComputedTwice()
    {
        var first = Plan(_versions.DropColumn, _versions.Base);
        var second = Plan(_versions.DropColumn, _versions.Base);
        var other = Plan(_versions.AddColumn, _versions.Base);

        Assert.Equal(first.Hash, second.Hash);
        Assert.NotEqual(first.Hash, other.Hash);
    }

    private static DeploymentReport Plan(
        string source, string target, DeploymentDirection direction = DeploymentDirection.Deploy, DeploymentAllowances? allowances = null, bool dropObjectsNotInSource = false)
    {
        using var s = DacpacFile.Open(source);
        using var t = DacpacFile.Open(target);
        var request = PlanRequest.Default(direction) with { Allowances = allowances ?? DeploymentAllowances.None };
        request.Options.DropObjectsNotInSource = dropObjectsNotInSource;
        return DeploymentPlanner.Plan(s, t, request).Report;
    }

    /// <summary>The fixture dacpacs, built once for the class.</summary>
    public sealed class Versions : IDisposable
    {
        private readonly FixtureDacpacs _dacpacs = new();

        public Versions()
        {
            Base = _dacpacs.Build("base", FixtureVersions.Base);
            AddColumn = _dacpacs.Build("add-column", FixtureVersions.AddColumn);
            DropColumn = _dacpacs.Build("drop-column", FixtureVersions.DropColumn);
            NarrowType = _dacpacs.Build("narrow-type", FixtureVersions.NarrowType);
            InsertColumnMidTable = _dacpacs.Build("insert-column", FixtureVersions.InsertColumnMidTable);
            IndexExistingTable = _dacpacs.Build("index", FixtureVersions.IndexExistingTable);
            AddRlsTable = _dacpacs.Build("add-rls-table", FixtureVersions.AddRlsTable);
            ChangePredicate = _dacpacs.Build("change-predicate", FixtureVersions.ChangePredicate);
        }

        public string Base { get; }

        public string AddColumn { get; }

        public string DropColumn { get; }

        public string NarrowType { get; }

        public string InsertColumnMidTable { get; }

        public string IndexExistingTable { get; }

        public string AddRlsTable { get; }

        public string ChangePredicate { get; }

        public void Dispose() => _dacpacs.Dispose();
    }
}
