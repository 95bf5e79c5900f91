using Foundation.Deploy.Migrations;

namespace Foundation.Database.Tests.Deployment;

/// <summary>Migration files on disk: headers, script rules, and the repository's own migrations.</summary>
public sealed class MigrationCatalogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("foundation-migrations-").FullName;

    [Fact]
    public void Load_ReadsHeaderAndDownStep_WhenFilesAreWellFormed()
    {
        Write("0001-a.up.sql", "-- migration: 0001-a\n-- description: First.\n-- requires:\n\nUPDATE [dbo].[T] SET [C] = 1;");
        Write("0001-a.down.sql", "UPDATE [dbo].[T] SET [C] = 0;");
        Write("0002-b.up.sql", "-- migration: 0002-b\n-- description: Second.\n-- requires: 0001-a\nSELECT 1;");

        var graph = MigrationGraph.Load(_directory);

        Assert.True(graph.IsValid, string.Join("\n", graph.Errors));
        Assert.Equal(["0001-a", "0002-b"], graph.Order.Select(m => m.Id));
        Assert.True(graph.Order[0].HasDown);
        Assert.Equal(["0001-a"], graph.Order[1].Requires);
    }

    [Theory]
    [InlineData("UPDATE [dbo].[T] SET [C] = 1;", "no '-- migration: <id>' line")]
    [InlineData("-- migration: 0001-a\nSELECT 1;", "no '-- description: <text>' line")]
    [InlineData("-- migration: 0001-other\n-- description: x\nSELECT 1;", "does not match the file name")]
    [InlineData("-- migration: 0001-a\n-- description: x\n-- owner: me\nSELECT 1;", "Unknown migration header key 'owner'")]
    [InlineData("-- migration: 0001-a\n-- description: x\n-- requires: bad id!\nSELECT 1;", "not a valid migration id")]
    [InlineData("-- migration: 0001-a\n-- description: x\nSELECT 1;\nGO\nSELECT 2;", "remove 'GO'")]
    [InlineData("-- migration: 0001-a\n-- description: x\nSELECT 1;\nGO\t2\nSELECT 2;", "remove 'GO'")]
    [InlineData("-- migration: 0001-a\n-- description: x\nSELECT 1;\ngo-- twice\nSELECT 2;", "remove 'GO'")]
    [InlineData("-- migration: 0001-a\n-- description: x\nSELECT $(Var);", "SQLCMD variables")]
    [InlineData("-- migration: 0001-a\n-- description: x\nUPDATE SET WHERE;", "T-SQL syntax error")]
    [InlineData("-- migration: 0001-a\n-- description: x\nUPDATE [dbo].[T] SET [C] = 1;\nCOMMIT;", "no BEGIN, COMMIT, ROLLBACK or SAVE TRANSACTION")]
    [InlineData("-- migration: 0001-a\n-- description: x\nUPDATE [dbo].[T] SET [C] = 1;\nIF @@ROWCOUNT > 1 ROLLBACK TRANSACTION;", "no BEGIN, COMMIT, ROLLBACK or SAVE TRANSACTION")]
    public void Load_NamesTheFile_WhenTheMigrationIsMalformed(string text, string expected)
    {
        Write("0001-a.up.sql", text);

        var graph = MigrationGraph.Load(_directory);

        Assert.False(graph.IsValid);
        var error = Assert.Single(graph.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
        Assert.EndsWith("0001-a.up.sql", error.File, StringComparison.Ordinal);
        Assert.Matches(@"0001-a\.up\.sql(\(\d+\))?: error FDM\d{3}: ", error.ToString());
    }

    [Fact]
    public void Load_RefusesADownScriptWithoutItsUpScript()
    {
        Write("0003-c.down.sql", "SELECT 1;");

        Assert.Contains(MigrationGraph.Load(_directory).Errors, e => e.Code == "FDM002" && e.File.EndsWith("0003-c.down.sql", StringComparison.Ordinal));
    }

    [Fact]
    public void RepositoryMigrations_AreValidAndMatchTheirLockFile()
    {
        var directory = Path.Combine(Infrastructure.RepositoryPaths.DatabaseProjectDirectory, "Migrations");

        var graph = MigrationGraph.Load(directory, Path.Combine(directory, "migrations.lock.json"));

        Assert.True(graph.IsValid, string.Join("\n", graph.Errors));
        Assert.NotEmpty(graph.Order);
        Assert.All(graph.Order, m => Assert.True(m.HasDown, $"{m.Id} has no down step"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_directory, name), text);
}
