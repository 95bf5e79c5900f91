using System.Text.Json;
using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.Build;

/// <summary>
/// Incremental builds are never stale: each change that can alter the dacpac rebuilds it (whatever the file timestamps
/// say), and nothing else does. Every test reads one step of <see cref="IncrementalBuildChain"/>.
/// </summary>
public sealed class IncrementalBuildTests(IncrementalBuildChain chain) : IClassFixture<IncrementalBuildChain>
{
    /// <summary>Each trigger, and what the rebuilt dacpac must (and must no longer) say: entry, text present, text gone.</summary>
    public static TheoryData<string, string, string, string> Triggers => new()
    {
        { IncrementalBuildChain.Delete, "model.xml", "[dbo].[Kept]", "[dbo].[Doomed]" },
        { IncrementalBuildChain.Rename, "model.xml", "[dbo].[Moved]", "" },
        { IncrementalBuildChain.AddOld, "model.xml", "[dbo].[Late]", "" },
        { IncrementalBuildChain.DeployScript, "postdeploy.sql", "edited post-deployment", "" },
        { IncrementalBuildChain.Include, "postdeploy.sql", "seed, second version", "seed, first version" },
        { IncrementalBuildChain.ProjectFile, "DacMetadata.xml", "Second description", "First description" },
        { IncrementalBuildChain.Import, "DacMetadata.xml", "<Name>ImportedName</Name>", "" },
        { IncrementalBuildChain.Dsp, "model.xml", "DspName=\"Microsoft.Data.Tools.Schema.Sql.Sql150DatabaseSchemaProvider\"", "" },
        { IncrementalBuildChain.Collation, "model.xml", "CollationCaseSensitive=\"True\"", "" },
        { IncrementalBuildChain.DacVersion, "DacMetadata.xml", "<Version>2.3.4.5</Version>", "" },
        // The value is not kept in the dacpac; the rebuild is what the step proves.
        { IncrementalBuildChain.SqlCmd, "model.xml", "[dbo].[Kept]", "" },
        { IncrementalBuildChain.DacFx, "model.xml", "[dbo].[Kept]", "" },
    };

    [Theory]
    [MemberData(nameof(Triggers))]
    public void Build_RebuildsTheDacpac_WhenSomethingItReadsChanges(string trigger, string entry, string present, string gone)
    {
        var step = chain[trigger];

        Assert.True(step.Build.Succeeded, step.Build.Output);
        Assert.True(step.Rebuilt, $"'{trigger}' did not rebuild the dacpac:{Environment.NewLine}{step.Build.Output}");
        var text = step.Entries[entry];
        Assert.Contains(present, text, StringComparison.Ordinal);
        if (gone.Length > 0)
        {
            Assert.DoesNotContain(gone, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DacFxVersion_SelectsTheTargetsAndTheTaskFolder()
    {
        // Arrange: the chain's project is restored, so its evaluation knows the NuGet package folder.
        _ = chain.Initial;

        // Act
        var evaluation = await DotnetCommand.RunAsync(
            chain.Project.Directory,
            ["msbuild", chain.Project.ProjectFile, "-p:FoundationDacFxVersion=9.8.7", "-getProperty:FoundationSqlTasksTargets", "-getProperty:NETCoreTargetsPath"],
            TestContext.Current.CancellationToken);

        // Assert
        Assert.True(evaluation.Succeeded, evaluation.Output);
        var properties = JsonDocument.Parse(evaluation.Output).RootElement.GetProperty("Properties");
        Assert.Contains("/microsoft.sqlserver.dacfx/9.8.7/", properties.GetProperty("FoundationSqlTasksTargets").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/9.8.7/", properties.GetProperty("NETCoreTargetsPath").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IncrementalBuildChain.UnrelatedFile)]
    [InlineData(IncrementalBuildChain.UnrelatedProperty)]
    [InlineData(IncrementalBuildChain.Nothing)]
    public void Build_SkipsTheModelBuild_WhenNothingItReadsChanged(string name)
    {
        var step = chain[name];

        Assert.True(step.Build.Succeeded, step.Build.Output);
        Assert.True(step.Build.Skipped("SqlBuild"), $"'{name}' rebuilt the dacpac:{Environment.NewLine}{step.Build.Output}");
        Assert.False(step.Rebuilt);
    }
}
