using Foundation.Database.Tests.TSqlt;

namespace Foundation.Database.Tests.Infrastructure;

public sealed class SqlCmdScriptTests : IDisposable
{
    private readonly ScratchFolder _folder = new();

    [Fact]
    public void Expand_InlinesIncludesAndReplacesVariables_AsSqlcmdDoes()
    {
        _folder.Write("classes/A/A.sql", "CREATE SCHEMA [A];\nGO\n");
        _folder.Write("classes/A/test one.sql", "CREATE PROCEDURE [A].[test one] AS SELECT '$(Greeting)';\nGO\n");
        var manifest = _folder.Write("Install.sql", ":on error exit\n:setvar Greeting hello\nEXEC tSQLt.DropClass N'A';\nGO\n:r $(Root)/A/A.sql\n:r \"$(Root)/A/test one.sql\"\n");

        var script = SqlCmdScript.Expand(manifest, new Dictionary<string, string> { ["Root"] = Path.Combine(_folder.Path, "classes") });

        Assert.Equal(
            ["EXEC tSQLt.DropClass N'A';", "CREATE SCHEMA [A];", "CREATE PROCEDURE [A].[test one] AS SELECT 'hello';"],
            SqlBatchSplitter.Split(script));
    }

    [Fact]
    public void Includes_ListsTheIncludedFiles_InOrder()
    {
        var first = _folder.Write("x/1.sql", "SELECT 1;");
        var second = _folder.Write("x/2 two.sql", "SELECT 2;");
        var manifest = _folder.Write("Install.sql", ":r \"$(Root)/2 two.sql\"\n:r $(Root)/1.sql\n");

        var includes = SqlCmdScript.Includes(manifest, new Dictionary<string, string> { ["root"] = Path.Combine(_folder.Path, "x") });

        Assert.Equal([second, first], includes);
    }

    [Fact]
    public void Expand_NamesTheMissingFile_WhenAnIncludeDoesNotExist()
    {
        var manifest = _folder.Write("Install.sql", ":r $(Root)/missing.sql\n");

        var error = Assert.Throws<FileNotFoundException>(
            () => SqlCmdScript.Expand(manifest, new Dictionary<string, string> { ["Root"] = _folder.Path }));

        Assert.Contains("missing.sql", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_NamesTheVariable_WhenItIsNotSet()
    {
        var manifest = _folder.Write("Install.sql", ":r $(Root)/a.sql\n");

        var error = Assert.Throws<InvalidOperationException>(() => SqlCmdScript.Expand(manifest, new Dictionary<string, string>()));

        Assert.Contains("Root", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpandForParsing_InlinesBackslashIncludesAndTurnsVariablesIntoPlaceholders_WithoutValues()
    {
        _folder.Write("Scripts/PostDeployment/010-Seed.sql", "PRINT N'$(ReleaseVersion)';\n");
        var script = _folder.Write("Scripts/Script.PostDeployment.sql", ":setvar Unused x\n:r .\\PostDeployment\\010-Seed.sql\nSELECT 1;\n");

        var expanded = SqlCmdScript.ExpandForParsing(script);

        Assert.Equal("PRINT N'SqlCmdVariable_ReleaseVersion';\nSELECT 1;\n", expanded);
        SqlCmdScript.Parse(expanded, out var errors);
        Assert.Empty(errors);
    }

    public void Dispose() => _folder.Dispose();
}
