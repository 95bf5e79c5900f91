using Foundation.Deploy.Migrations;
using Foundation.Deploy.Planning;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Deployment;

public sealed class MigrationScriptGeneratorTests
{
    private static readonly Migration _first = new("0001-a", "First's", [], "UPDATE [dbo].[T] SET [C] = N'it''s';", "UPDATE [dbo].[T] SET [C] = NULL;", "/m/0001-a.up.sql", "/m/0001-a.down.sql");
    private static readonly Migration _second = new("0002-b", "Second", ["0001-a"], "SELECT 1;", null, "/m/0002-b.up.sql", null);

    [Fact]
    public void PostDeployment_RunsEachMigrationOnceInOrder_AndCarriesAManifestTheToolReads()
    {
        var script = MigrationScriptGenerator.GeneratePostDeployment([_first, _second]);

        var manifest = MigrationManifestEntry.ParseAll(script);
        Assert.Equal(["0001-a", "0002-b"], manifest.Select(m => m.Id));
        Assert.Equal([true, false], manifest.Select(m => m.HasDown));
        Assert.Equal(_first.Checksum, manifest[0].Checksum);
        Assert.True(script.IndexOf("0001-a", StringComparison.Ordinal) < script.IndexOf("0002-b", StringComparison.Ordinal));
        Assert.Contains("[RolledBackAt] IS NULL", script, StringComparison.Ordinal);
        Assert.Contains("N'UPDATE [dbo].[T] SET [C] = N''it''''s'';'", script, StringComparison.Ordinal);
        AssertParses(script);
    }

    [Fact]
    public void PostDeployment_RefusesEachMigrationWithoutATrustedContext_BeforeItRunsOrIsJournalled()
    {
        var script = MigrationScriptGenerator.GeneratePostDeployment([_first]);

        var guard = script.IndexOf("[Security].[fn_SessionIsTrusted]()", StringComparison.Ordinal);
        Assert.True(guard > 0, "no trusted-context check");
        Assert.Contains("THROW 50313", script, StringComparison.Ordinal);
        Assert.True(guard < script.IndexOf("BEGIN TRANSACTION", StringComparison.Ordinal));
        Assert.True(guard < script.IndexOf("MERGE [Deploy].[MigrationJournal]", StringComparison.Ordinal));
    }

    [Fact]
    public void PostDeployment_JournalsNoDownStepForAnIrreversibleMigration_AndClearsOneJournalledBefore()
    {
        var irreversible = _first with { Irreversible = "first release" };

        var script = MigrationScriptGenerator.GeneratePostDeployment([irreversible]);

        Assert.DoesNotContain("SET [C] = NULL", script, StringComparison.Ordinal);
        Assert.Contains("UPDATE [Deploy].[MigrationJournal] SET [DownScript] = NULL", script, StringComparison.Ordinal);
        var entry = Assert.Single(MigrationManifestEntry.ParseAll(script));
        Assert.False(entry.HasDown);
        Assert.Equal("first release", entry.Irreversible);
        AssertParses(script);
    }

    [Fact]
    public void RollbackGuard_ListsTheKnownMigrations_AndRefusesUndoWithoutDownStep_OrWithoutTheTool()
    {
        var script = MigrationScriptGenerator.GeneratePreDeployment([_first, _second]);

        Assert.Contains("(N'0001-a'),\n        (N'0002-b');", script, StringComparison.Ordinal);
        Assert.Contains("THROW 50311", script, StringComparison.Ordinal);
        Assert.Contains("THROW 50312", script, StringComparison.Ordinal);
        Assert.Contains("N'$(DeploymentLockHeld)' = N'True' AND @@TRANCOUNT > 0", script, StringComparison.Ordinal);
        Assert.DoesNotContain("sp_executesql", script, StringComparison.Ordinal);
        AssertParses(script);
    }

    [Fact]
    public void DownSteps_RunOnlyInsideATransaction_InTheirOwnTrustedContext_NewestFirst()
    {
        var script = MigrationScriptGenerator.GenerateDownSteps(["0001-a"]);

        Assert.True(script.IndexOf("THROW 50314", StringComparison.Ordinal) < script.IndexOf("usp_SetDeploymentSessionContext", StringComparison.Ordinal));
        Assert.True(script.IndexOf("usp_SetDeploymentSessionContext", StringComparison.Ordinal) < script.IndexOf("fn_SessionIsTrusted", StringComparison.Ordinal));
        Assert.Contains("ORDER BY [j].[AppliedOrder] DESC", script, StringComparison.Ordinal);
        Assert.Contains("THROW 50311", script, StringComparison.Ordinal);
        AssertParses(script);
    }

    [Fact]
    public void PlanMigrations_UndoesUnknownMigrationsNewestFirst_ThenAppliesNewOnes()
    {
        var source = new[] { MigrationManifestEntry.From(_first, 1), new MigrationManifestEntry("0003-c", "Third", "c", [], true, 2) };
        var applied = new[]
        {
            new LiveTargetState.JournalEntry("0001-a", _first.Checksum, 1, true, "First"),
            new LiveTargetState.JournalEntry("0002-b", _second.Checksum, 2, false, "Second"),
            new LiveTargetState.JournalEntry("0009-z", "z", 3, true, "Last"),
        };

        var plan = DeploymentPlanner.PlanMigrations(source, applied);

        Assert.Equal(
            [("0009-z", PlannedMigration.Down), ("0002-b", PlannedMigration.Down), ("0003-c", PlannedMigration.Up)],
            plan.Select(p => (p.Id, p.Direction)));
        Assert.False(plan[1].HasDown);
    }

    private static void AssertParses(string script)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(script, @"\$\((\w+)\)", "x");
        new TSql160Parser(true).Parse(new StringReader(text), out var errors);
        Assert.Empty(errors);
    }
}
