using System.Text.RegularExpressions;
using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.Build;

/// <summary>
/// Foundation.Build.Sql, the glue that builds a .sqlproj into a .dacpac, run for real on throwaway projects:
/// a broken file fails the build with the file, line and SQL error code; a good project builds once and is then skipped.
/// Slow (a child `dotnet build` each), so few.
/// </summary>
public sealed partial class BuildGlueTests
{
    private const string GoodTable = """
        CREATE TABLE [dbo].[Good]
        (
            [GoodId] INT NOT NULL,
            CONSTRAINT [PK_dbo_Good] PRIMARY KEY ([GoodId])
        );
        """;

    [Fact]
    public async Task Build_FailsNamingFileLineAndSyntaxError_WhenASqlFileDoesNotParse()
    {
        // Arrange
        using var project = new ScratchSqlProject();
        project.AddFile("dbo/Tables/Good.sql", GoodTable);
        project.AddFile("dbo/Tables/Broken.sql", "CREATE TABLE [dbo].[Broken]\n(\n    [BrokenId] INT NOT NULL,,\n);\n");

        // Act
        var result = await project.BuildAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.NotEqual(0, result.ExitCode);
        Assert.Matches(BrokenSyntax(), result.Output);
        Assert.False(File.Exists(project.Dacpac), "A failed build must not leave a dacpac behind.");
    }

    [Fact]
    public async Task Build_FailsNamingFileLineAndUnresolvedReference_WhenAnObjectIsMissing()
    {
        // Arrange
        using var project = new ScratchSqlProject();
        project.AddFile("dbo/Tables/Good.sql", GoodTable);
        project.AddFile("dbo/Views/Orphan.sql", "CREATE VIEW [dbo].[Orphan]\nAS\nSELECT [m].[MissingId] FROM [dbo].[Missing] AS [m];\n");

        // Act
        var result = await project.BuildAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.NotEqual(0, result.ExitCode);
        Assert.Matches(UnresolvedReference(), result.Output);
    }

    [Fact]
    public async Task Build_ProducesADacpacThenSkipsTheModelBuild_WhenNothingChanged()
    {
        // Arrange
        using var project = new ScratchSqlProject();
        project.AddFile("dbo/Tables/Good.sql", GoodTable);

        // Act
        var first = await project.BuildAsync(TestContext.Current.CancellationToken);
        var dacpacWritten = File.GetLastWriteTimeUtc(project.Dacpac);
        var second = await project.BuildAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(File.Exists(project.Dacpac), first.Output);
        Assert.DoesNotContain("Skipping target \"SqlBuild\"", first.Output, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("Skipping target \"SqlBuild\"", second.Output, StringComparison.Ordinal);
        Assert.Equal(dacpacWritten, File.GetLastWriteTimeUtc(project.Dacpac));
    }

    [GeneratedRegex(@"Broken\.sql\(3,\d+\): Build error SQL46010: Incorrect syntax")]
    private static partial Regex BrokenSyntax();

    [GeneratedRegex(@"Orphan\.sql\(3,\d+\): Build error SQL71501: .*\[dbo\]\.\[Missing\]")]
    private static partial Regex UnresolvedReference();
}
