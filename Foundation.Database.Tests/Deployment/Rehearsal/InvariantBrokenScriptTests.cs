using Foundation.Database.Tests.Deployment.Rehearsal.Invariants;
using Foundation.Deploy.Planning;

namespace Foundation.Database.Tests.Deployment.Rehearsal;

/// <summary>
/// Each invariant fails on a deliberately broken script: a rehearsed script of the tool with one batch removed or added,
/// and real DacFx output of the deployment path before this design (release 1.0.0's dacpac and scripts, deployed by
/// SqlPackage with the options its profiles had: no transactional scripts, DacFx's database options and constraint
/// validation on; <see cref="RehearsalFixture.Legacy"/>).
/// </summary>
[Collection(RehearsalFixture.CollectionName)]
public sealed class InvariantBrokenScriptTests(RehearsalFixture rehearsal)
{
    [Fact]
    public void NothingChangesBeforeTheGates_Fails_WhenADatabaseOptionIsSetBeforeThePreDeploymentScript() =>
        AssertFails<NothingChangesBeforeTheGates>(
            "change-predicate-function",
            s => ScriptSurgery.InsertBefore(s, "Pre-deployment script:", "ALTER DATABASE [$(DatabaseName)] SET READ_COMMITTED_SNAPSHOT OFF WITH ROLLBACK IMMEDIATE;"),
            "READ_COMMITTED_SNAPSHOT");

    [Fact]
    public void NothingChangesBeforeTheGates_Fails_WhenTheLockIsGone() =>
        AssertFails<NothingChangesBeforeTheGates>("add-column", s => ScriptSurgery.RemoveBatches(s, "THROW 50301"), "no lock");

    [Fact]
    public void NothingChangesBeforeTheGates_Fails_WhenTheHistoryRowIsOpenedBeforeTheVersionGuard() =>
        AssertFails<NothingChangesBeforeTheGates>(
            "add-column",
            s => ScriptSurgery.InsertBefore(s, "020 Version guard", "INSERT INTO [Deploy].[SchemaHistory] ([DeploymentId], [ReleaseVersion]) VALUES (NEWID(), N'early');"),
            "early");

    [Fact]
    public void NothingChangesBeforeTheGates_Fails_OnRelease100sFirstDeployment_WhereDacFxSetsDatabaseOptionsFirst() =>
        AssertLegacyFails<NothingChangesBeforeTheGates>(rehearsal.Legacy.FirstDeployment, "ALTER DATABASE");

    [Fact]
    public void NoSecurityPolicyAbsentOutsideATransaction_Fails_WhenThePolicyIsNotRecreatedBeforeTheCommit() =>
        AssertFails<NoSecurityPolicyAbsentOutsideATransaction>(
            "change-predicate-function",
            s => ScriptSurgery.RemoveBatches(s, "CREATE SECURITY POLICY [Security].[TenantIsolationPolicy]"),
            "[Security].[TenantIsolationPolicy] is still absent when the transaction commits");

    [Fact]
    public void NoSecurityPolicyAbsentOutsideATransaction_Fails_OnRelease100sRollback_WithoutTransactionalScripts() =>
        AssertLegacyFails<NoSecurityPolicyAbsentOutsideATransaction>(rehearsal.Legacy.Rollback, "is removed outside a transaction");

    [Fact]
    public void NothingNonTransactionalInsideATransaction_Fails_WhenThePreDeploymentScriptAltersTheDatabase() =>
        AssertFails<NothingNonTransactionalInsideATransaction>(
            "add-column",
            s => ScriptSurgery.InsertBefore(s, "030 Open this deployment's row", "ALTER DATABASE CURRENT SET QUERY_STORE = ON;"),
            "QUERY_STORE");

    [Fact]
    public void NoWriteInACatchOfADoomedTransaction_Fails_WhenTheConstraintCheckRecordsTheFailureWithoutAskingXactState() =>
        AssertFails<NoWriteInACatchOfADoomedTransaction>(
            "add-column",
            s => s.Replace("IF XACT_STATE() <> -1", "IF 1 = 1", StringComparison.Ordinal),
            "UPDATE [Deploy].[SchemaHistory]");

    [Fact]
    public void MigrationsCommitOnlyWithTheSchemaChange_Fails_OnRelease100sRollback_WhoseDownStepsCommitInThePreDeploymentScript() =>
        AssertLegacyFails<MigrationsCommitOnlyWithTheSchemaChange>(rehearsal.Legacy.Rollback, "before the last gate");

    [Fact]
    public void MigrationsCommitOnlyWithTheSchemaChange_Fails_WhenTheToolsDownStepsRunOutsideTheDeploymentTransaction() =>
        AssertFails<MigrationsCommitOnlyWithTheSchemaChange>(
            "add-column-with-migration",
            s => ScriptSurgery.RemoveBatches(ScriptSurgery.RemoveBatches(s, DeploymentScriptComposer.BeginTransactionMarker), DeploymentScriptComposer.CommitMarker),
            "EXEC [sys].[sp_executesql] @Down",
            DeploymentDirection.Rollback);

    [Fact]
    public void MigrationsRunOnlyInATrustedContext_Fails_OnRelease100sMigrations() =>
        AssertLegacyFails<MigrationsRunOnlyInATrustedContext>(rehearsal.Legacy.FirstDeployment, "no refusal without a trusted context");

    [Fact]
    public void MigrationsRunOnlyInATrustedContext_Fails_WhenThePostDeploymentScriptSetsNoContext() =>
        AssertFails<MigrationsRunOnlyInATrustedContext>("add-migration", s => ScriptSurgery.RemoveBatches(s, "000 Deployment session"), "never establishes the deployment context");

    [Fact]
    public void DeploymentContextOnlyAfterTheSchemaChange_Fails_OnRelease100s_WhichSetsItInThePreDeploymentScript() =>
        AssertLegacyFails<DeploymentContextOnlyAfterTheSchemaChange>(rehearsal.Legacy.FirstDeployment, "the pre-deployment script sets the deployment context");

    [Fact]
    public void DeploymentContextOnlyAfterTheSchemaChange_Fails_WhenThePostDeploymentScriptStaysOnTheSessionThatRanTheDownSteps() =>
        AssertFails<DeploymentContextOnlyAfterTheSchemaChange>(
            "add-column-with-migration",
            s => ScriptSurgery.RemoveBatches(s, DeploymentScriptComposer.NewSessionMarker),
            "also runs the post-deployment script",
            DeploymentDirection.Rollback);

    [Fact]
    public void SucceededIsRecordedLast_Fails_OnRelease100sFirstDeployment_WhereDacFxValidatesConstraintsAfterThePostDeploymentScript() =>
        AssertLegacyFails<SucceededIsRecordedLast>(rehearsal.Legacy.FirstDeployment, "WITH CHECK CHECK CONSTRAINT");

    [Fact]
    public void SucceededIsRecordedLast_Fails_WhenAStepThatCanFailFollowsTheRecording() =>
        AssertFails<SucceededIsRecordedLast>("add-column", s => ScriptSurgery.InsertAfterLast(s, "990 Close this deployment's row", "EXEC [Deploy].[usp_ValidateData];"), "usp_ValidateData");

    [Fact]
    public void EveryRebuildIsCounted_Fails_WhenTheCountAfterARebuildIsGone() =>
        AssertFails<EveryRebuildIsCounted>(
            "rebuild-rls-table",
            s => ScriptSurgery.RemoveBatches(s, DeploymentScriptComposer.RowsAfterMarker + "[Identity].[Users]"),
            "[Identity].[Users] is not counted right after its rebuild");

    [Fact]
    public void TempTablesLiveInTheirOwnSession_Fails_WhenTheCountAfterARebuildRunsOnANewSession() =>
        AssertFails<TempTablesLiveInTheirOwnSession>(
            "rebuild-rls-table",
            s => ScriptSurgery.InsertBefore(s, DeploymentScriptComposer.RowsAfterMarker + "[Identity].[Users]", DeploymentScriptComposer.NewSessionMarker + ": too early."),
            "FoundationRebuildRows is used on session 1, which did not create it");

    [Fact]
    public void RehearsalScript_ReportsAnUnbalancedTransaction_InABranchItCannotDecide()
    {
        var (script, pre, post) = Broken("add-column", s => ScriptSurgery.InsertBefore(s, "030 Open this deployment's row", "IF DB_NAME() = N'x' BEGIN TRANSACTION;"), DeploymentDirection.Deploy);

        var violations = DeploymentInvariants.Check(RehearsalScript.Read(script, pre, post));

        Assert.Contains(violations, v => v.StartsWith("unverifiable script:", StringComparison.Ordinal) && v.Contains("changes the transaction depth", StringComparison.Ordinal));
    }

    private (string Script, string? Pre, string? Post) Broken(string scenario, Func<string, string> change, DeploymentDirection direction)
    {
        var c = new RehearsalCase(RehearsalScenario.Named(scenario), direction, "Production", RehearsalPath.Tool);
        var source = rehearsal.Dacpac(direction == DeploymentDirection.Deploy ? c.Scenario.To : c.Scenario.From);
        return ScriptSurgery.Apply(change, rehearsal.Outcome(c).Script!, source.PreDeploymentScript, source.PostDeploymentScript);
    }

    private void AssertFails<TInvariant>(string scenario, Func<string, string> change, string expected, DeploymentDirection direction = DeploymentDirection.Deploy)
        where TInvariant : IDeploymentInvariant, new()
    {
        var (script, pre, post) = Broken(scenario, change, direction);
        var original = new TInvariant().Check(rehearsal.Outcome(new RehearsalCase(RehearsalScenario.Named(scenario), direction, "Production", RehearsalPath.Tool)).Parsed!);
        Assert.Empty(original);
        AssertReports<TInvariant>(RehearsalScript.Read(script, pre, post), expected);
    }

    private void AssertLegacyFails<TInvariant>(string script, string expected)
        where TInvariant : IDeploymentInvariant, new() =>
        AssertReports<TInvariant>(RehearsalScript.Read(script, rehearsal.Legacy.PreDeployment, rehearsal.Legacy.PostDeployment), expected);

    private static void AssertReports<TInvariant>(RehearsalScript script, string expected)
        where TInvariant : IDeploymentInvariant, new()
    {
        var violations = new TInvariant().Check(script);
        Assert.True(
            violations.Any(v => v.Contains(expected, StringComparison.Ordinal)),
            $"{typeof(TInvariant).Name} should fail with '{expected}', reported:\n" + string.Join('\n', violations));
    }
}
