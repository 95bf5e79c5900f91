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
    public void PreDeployment_ListsTheKnownMigrations_AndRefusesUndoWithoutDownStep()
    {
        var script = MigrationScriptGenerator.GeneratePreDeployment([_first, _second]);

        Assert.Contains("(N'0001-a'),\n        (N'0002-b');", script, StringComparison.Ordinal);
        Assert.Contains("THROW 50311", script, StringComparison.Ordinal);
        Assert.Contains("ORDER BY [j].[AppliedOrder] DESC", script, StringComparison.Ordinal);
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
