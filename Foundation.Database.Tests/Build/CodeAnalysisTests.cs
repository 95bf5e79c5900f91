using System.Xml.Linq;
using Foundation.Database.Tests.Infrastructure;
using Microsoft.SqlServer.Dac.CodeAnalysis;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Build;

/// <summary>
/// RunSqlCodeAnalysis and SqlCodeAnalysisRules work as in Microsoft.Build.Sql (DacFx's own SqlStaticCodeAnalysisTask, with
/// its results file), and Foundation.Database runs it with every rule DacFx ships made an error, and has no finding.
/// </summary>
public sealed class CodeAnalysisTests
{
    private const string SelectStar = "CREATE PROCEDURE [dbo].[usp_GetGood]\nAS\nSELECT * FROM [dbo].[Good];\n";
    private const string Table = "CREATE TABLE [dbo].[Good] ([GoodId] INT NOT NULL, CONSTRAINT [PK_dbo_Good] PRIMARY KEY ([GoodId]));\n";

    [Fact]
    public async Task Build_ReportsAFindingAndWritesTheResultsFile_ThenFails_WhenTheRuleIsMadeAnError()
    {
        // Arrange
        using var project = new ScratchSqlProject();
        project.AddFile("dbo/Tables/Good.sql", Table);
        project.AddFile("dbo/Procedures/usp_GetGood.sql", SelectStar);
        var token = TestContext.Current.CancellationToken;

        // Act
        var warned = await project.BuildAsync(token, "-p:RunSqlCodeAnalysis=true");
        var results = Path.Combine(project.Directory, "bin", "Debug", "Scratch.StaticCodeAnalysis.Results.xml");
        var resultsText = File.Exists(results) ? File.ReadAllText(results) : "";
        var failed = await project.BuildAsync(token, "--no-restore", "-p:RunSqlCodeAnalysis=true", "-p:SqlCodeAnalysisRules=+!Microsoft.Rules.Data.SR0001");

        // Assert
        Assert.True(warned.Succeeded, warned.Output);
        Assert.Matches(@"usp_GetGood\.sql\(3,\d+\): StaticCodeAnalysis warning SR0001", warned.Output);
        Assert.Contains("SR0001", resultsText, StringComparison.Ordinal);
        Assert.False(failed.Succeeded, failed.Output);
        Assert.Matches(@"usp_GetGood\.sql\(3,\d+\): StaticCodeAnalysis error SR0001", failed.Output);
    }

    [Fact]
    public void FoundationDatabase_HasNoCodeAnalysisFinding()
    {
        // Arrange: the test project's build built Foundation.Database (RunSqlCodeAnalysis is on) beside this configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var results = Path.Combine(RepositoryPaths.DatabaseProjectDirectory, "bin", configuration, "Foundation.Database.StaticCodeAnalysis.Results.xml");

        // Act
        var problems = XDocument.Load(results).Root!.Elements().Select(e => e.ToString()).ToList();

        // Assert
        Assert.Empty(problems);
    }

    [Fact]
    public void FoundationDatabase_MakesEveryRuleDacFxShipsAnError()
    {
        var missing = RulesNotMadeErrors(FoundationRules());

        Assert.Empty(missing);
    }

    [Fact]
    public void RulesNotMadeErrors_NamesARuleLeftOut()
    {
        var rules = FoundationRules().Replace("+!Microsoft.Rules.Data.SR0007;", "", StringComparison.Ordinal);

        var missing = RulesNotMadeErrors(rules);

        Assert.Equal(["Microsoft.Rules.Data.SR0007"], missing);
    }

    /// <summary>Every rule DacFx's code analysis service knows that the setting does not list as "+!&lt;rule&gt;".</summary>
    public static IReadOnlyList<string> RulesNotMadeErrors(string sqlCodeAnalysisRules)
    {
        var errors = sqlCodeAnalysisRules.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(r => r.StartsWith("+!", StringComparison.Ordinal))
            .Select(r => r[2..])
            .ToHashSet(StringComparer.Ordinal);
        using var model = new TSqlModel(SqlServerVersion.Sql160, new TSqlModelOptions());
        var service = new CodeAnalysisServiceFactory().CreateAnalysisService(model);
        return service.GetRules().Select(r => r.RuleId).Where(id => !errors.Contains(id)).Order(StringComparer.Ordinal).ToList();
    }

    private static string FoundationRules() =>
        XDocument.Load(RepositoryPaths.DatabaseProjectFile).Descendants("SqlCodeAnalysisRules").Single().Value;
}
