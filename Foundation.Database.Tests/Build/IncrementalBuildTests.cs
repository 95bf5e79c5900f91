using System.Text.Json;
using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.Build;

/// <summary>
/// Incremental builds are never stale: each change that can alter the dacpac rebuilds it (whatever the file timestamps
/// say), and nothing else does. Every test reads one step of <see cref="IncrementalBuildChain"/>.
/// </summary>
public sealed class IncrementalBuildTests(IncrementalBuildChain chain) : IClassFixture<IncrementalBuildChain>
{
    [Fact]
    public void Build_RemovesTheObject_WhenAModelFileIsDeleted()
    {
        var step = Rebuilt(IncrementalBuildChain.Delete);

        Assert.DoesNotContain("[dbo].[Doomed]", step.Model, StringComparison.Ordinal);
        Assert.Contains("[dbo].[Kept]", step.Model, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Rebuilds_WhenAModelFileIsRenamed()
    {
        var step = Rebuilt(IncrementalBuildChain.Rename);

        Assert.Contains("[dbo].[Moved]", step.Model, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_PicksUpTheFile_WhenItIsAddedWithAnOldTimestamp()
    {
        var step = Rebuilt(IncrementalBuildChain.AddOld);

        Assert.Contains("[dbo].[Late]", step.Model, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Rebuilds_WhenTheDeploymentScriptChanges()
    {
        var step = Rebuilt(IncrementalBuildChain.DeployScript);

        Assert.Contains("edited post-deployment", step.PostDeployment, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Rebuilds_WhenAnIncludedScriptChanges()
    {
        var step = Rebuilt(IncrementalBuildChain.Include);

        Assert.Contains("seed, second version", step.PostDeployment, StringComparison.Ordinal);
        Assert.DoesNotContain("seed, first version", step.PostDeployment, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Rebuilds_WhenTheProjectFileChanges()
    {
        var step = Rebuilt(IncrementalBuildChain.ProjectFile);

        Assert.Contains("Second description", step.Metadata, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Rebuilds_WhenAnImportedPropsFileChanges()
    {
        var step = Rebuilt(IncrementalBuildChain.Import);

        Assert.Contains("<Name>ImportedName</Name>", step.Metadata, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Rebuilds_WhenTheDspChanges()
    {
        var step = Rebuilt(IncrementalBuildChain.Dsp);

        Assert.Contains("DspName=\"Microsoft.Data.Tools.Schema.Sql.Sql150DatabaseSchemaProvider\"", step.Model, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Rebuilds_WhenTheCollationChanges()
    {
        var step = Rebuilt(IncrementalBuildChain.Collation);

        Assert.Contains("CollationCaseSensitive=\"True\"", step.Model, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Rebuilds_WhenDacVersionChanges()
    {
        var step = Rebuilt(IncrementalBuildChain.DacVersion);

        Assert.Contains("<Version>2.3.4.5</Version>", step.Metadata, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Rebuilds_WhenASqlCmdVariableValueChanges()
    {
        Rebuilt(IncrementalBuildChain.SqlCmd);
    }

    [Fact]
    public void Build_Rebuilds_WhenTheDacFxVersionChanges()
    {
        Rebuilt(IncrementalBuildChain.DacFx);
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

    private ChainStep Rebuilt(string name)
    {
        var step = chain[name];
        Assert.True(step.Build.Succeeded, step.Build.Output);
        Assert.True(step.Rebuilt, $"'{name}' did not rebuild the dacpac:{Environment.NewLine}{step.Build.Output}");
        return step;
    }
}
