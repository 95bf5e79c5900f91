using Foundation.Deploy.Migrations;

namespace Foundation.Database.Tests.Deployment;

public sealed class MigrationGraphTests
{
    [Fact]
    public void Order_PutsEveryMigrationAfterWhatItRequires_AndBreaksTiesById()
    {
        var graph = MigrationGraph.Build([M("c", "a"), M("b"), M("a"), M("d", "b", "c")]);

        Assert.True(graph.IsValid);
        Assert.Equal(["a", "b", "c", "d"], graph.Order.Select(m => m.Id));
    }

    [Fact]
    public void Order_IsTheSame_WhateverTheInputOrder()
    {
        var one = MigrationGraph.Build([M("x2", "x1"), M("x1"), M("y1"), M("z", "y1", "x2")]);
        var two = MigrationGraph.Build([M("z", "y1", "x2"), M("y1"), M("x1"), M("x2", "x1")]);

        Assert.Equal(one.Order.Select(m => m.Id), two.Order.Select(m => m.Id));
    }

    [Fact]
    public void Build_ReportsTheCycle_WhenMigrationsRequireEachOther()
    {
        var graph = MigrationGraph.Build([M("a", "c"), M("b", "a"), M("c", "b"), M("d")]);

        var error = Assert.Single(graph.Errors);
        Assert.Equal("FDM012", error.Code);
        Assert.Contains("a -> c -> b -> a", error.Message, StringComparison.Ordinal);
        Assert.Empty(graph.Order);
    }

    [Fact]
    public void Build_NamesTheMissingId_WhenARequiredMigrationIsUnknown()
    {
        var graph = MigrationGraph.Build([M("a", "ghost")]);

        var error = Assert.Single(graph.Errors);
        Assert.Equal("FDM011", error.Code);
        Assert.Contains("'ghost'", error.Message, StringComparison.Ordinal);
        Assert.Equal("a.up.sql", Path.GetFileName(error.File));
    }

    [Fact]
    public void Build_ReportsBothFiles_WhenAnIdIsDuplicated()
    {
        var graph = MigrationGraph.Build([M("a"), M("a") with { UpPath = "/other/a.up.sql" }]);

        var error = Assert.Single(graph.Errors);
        Assert.Equal("FDM010", error.Code);
        Assert.Contains("/other/a.up.sql", error.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RefusesAChangedReleasedMigration_WhenItsChecksumDiffersFromTheLock()
    {
        var released = M("a");
        var changed = released with { UpScript = released.UpScript + " -- edited" };
        var lockFile = new MigrationLockFile("/m/migrations.lock.json", [new MigrationLockFile.Entry("a", released.Checksum, "1.0.0")]);

        var graph = MigrationGraph.Build([new Migration(changed.Id, changed.Description, changed.Requires, changed.UpScript, null, changed.UpPath, null)], lockFile);

        var error = Assert.Single(graph.Errors);
        Assert.Equal("FDM021", error.Code);
        Assert.Contains("released in 1.0.0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_AcceptsAReleasedMigration_WhenOnlyItsLineEndingsChanged()
    {
        var released = M("a") with { UpScript = "UPDATE [t] SET [c] = 1;\nSELECT 1;" };
        var crlf = new Migration("a", released.Description, [], "UPDATE [t] SET [c] = 1;\r\nSELECT 1;", null, released.UpPath, null);
        var lockFile = new MigrationLockFile("/m/migrations.lock.json", [new MigrationLockFile.Entry("a", new Migration("a", "d", [], released.UpScript, null, "p", null).Checksum, "1.0.0")]);

        Assert.True(MigrationGraph.Build([crlf], lockFile).IsValid);
    }

    [Fact]
    public void Build_RefusesADeletedReleasedMigration()
    {
        var lockFile = new MigrationLockFile("/m/migrations.lock.json", [new MigrationLockFile.Entry("gone", new string('a', 64), "1.0.0")]);

        var error = Assert.Single(MigrationGraph.Build([M("a")], lockFile).Errors);

        Assert.Equal("FDM020", error.Code);
    }

    [Fact]
    public void Checksum_ChangesWithTheDownScript()
    {
        Assert.NotEqual(Migration.ComputeChecksum("SELECT 1;", null), Migration.ComputeChecksum("SELECT 1;", "SELECT 2;"));
    }

    private static Migration M(string id, params string[] requires) =>
        new(id, "test " + id, requires, $"UPDATE [dbo].[T] SET [C] = N'{id}';", null, $"/m/{id}.up.sql", null);
}
