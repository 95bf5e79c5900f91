using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.Build;

/// <summary>
/// Foundation.Deploy's migrations build step (imported by Foundation.Database.sqlproj) follows the glue's never-stale
/// rule: a migration deleted after a build disappears from the generated deploy-script include and from the dacpac,
/// although no remaining file is newer than the last build; and the tool that runs the step is built only when it is
/// out of date (or its recorded assembly is gone), so that a clean database build does not pay for restoring and
/// building it again.
/// </summary>
public sealed class MigrationsStepTests
{
    [Fact]
    public async Task Build_DropsADeletedMigrationFromTheDacpac()
    {
        // Arrange
        using var project = MigratingProject("Migrating");
        AddMigration(project, "0001-first-step", "");
        AddMigration(project, "0002-second-step", "0001-first-step");
        var token = TestContext.Current.CancellationToken;
        var first = await project.BuildAsync(token);
        var withBoth = project.ReadDacpacEntry("postdeploy.sql") ?? "";

        // Act
        File.Delete(project.PathOf("Migrations/0002-second-step.up.sql"));
        File.Delete(project.PathOf("Migrations/0002-second-step.down.sql"));
        var second = await project.BuildAsync(token, "--no-restore");
        var withOne = project.ReadDacpacEntry("postdeploy.sql") ?? "";

        // Assert
        Assert.True(first.Succeeded, first.Output);
        Assert.Contains("0002-second-step", withBoth, StringComparison.Ordinal);
        Assert.True(second.Succeeded, second.Output);
        Assert.Contains("0001-first-step", withOne, StringComparison.Ordinal);
        Assert.DoesNotContain("0002-second-step", withOne, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_RebuildsTheTool_WhenItsRecordedAssemblyIsGone_AndSkipsItWhenUpToDate()
    {
        // Arrange: a stamp newer than every input of the tool, naming an assembly that does not exist (bin/ deleted by hand).
        using var project = MigratingProject("ToolStamp");
        AddMigration(project, "0001-first-step", "");
        var stamp = project.AddFile("tool/Foundation.Deploy.migrations-tool", project.PathOf("gone/Foundation.Deploy.dll") + "\n");
        var token = TestContext.Current.CancellationToken;

        // Act: a build that must rebuild the tool, then a clean one (the migrations step runs again) that must not.
        var first = await project.BuildAsync(token, $"-p:FoundationDeployToolStamp={stamp}");
        var recorded = File.ReadAllText(stamp).Trim();
        System.IO.Directory.Delete(project.PathOf("obj/Migrations"), recursive: true);
        var second = await project.BuildAsync(token, "--no-restore", $"-p:FoundationDeployToolStamp={stamp}");

        // Assert
        Assert.True(first.Succeeded, first.Output);
        Assert.DoesNotContain("Skipping target \"_FoundationBuildDeployTool\"", first.Output, StringComparison.Ordinal);
        Assert.EndsWith("Foundation.Deploy.dll", recorded, StringComparison.Ordinal);
        Assert.True(File.Exists(recorded), $"the stamp names {recorded}, which does not exist");
        Assert.True(second.Succeeded, second.Output);
        Assert.Contains("Skipping target \"_FoundationBuildDeployTool\"", second.Output, StringComparison.Ordinal);
        Assert.Contains("0001-first-step", project.ReadDacpacEntry("postdeploy.sql") ?? "", StringComparison.Ordinal);
    }

    /// <summary>
    /// A project laid out as Foundation.Database is: Migrations/, the migrations build step, one table, and a
    /// post-deployment script that includes the generated obj/Migrations file.
    /// </summary>
    private static ScratchSqlProject MigratingProject(string name)
    {
        var migrationsTargets = Path.Combine(RepositoryPaths.Root, "tools", "Foundation.Deploy", "build", "Foundation.Deploy.Migrations.targets");
        var project = new ScratchSqlProject(name, $"""
              <PropertyGroup>
                <TreatTSqlWarningsAsErrors>true</TreatTSqlWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <None Include="Migrations/**" />
                <PostDeploy Include="Scripts/Script.PostDeployment.sql" />
                <!-- Read by the generated migration steps. -->
                <SqlCmdVariable Include="ReleaseVersion"><DefaultValue>0.0.0-local</DefaultValue><Value>$(SqlCmdVar__1)</Value></SqlCmdVariable>
              </ItemGroup>
              <Import Project="{migrationsTargets}" />
            """);
        project.AddFile("dbo/Tables/Good.sql", "CREATE TABLE [dbo].[Good] ([GoodId] INT NOT NULL, CONSTRAINT [PK_dbo_Good] PRIMARY KEY ([GoodId]));\n");
        project.AddFile("Scripts/Script.PostDeployment.sql", ":r ..\\obj\\Migrations\\510-Deploy-DataMigrations.sql\n");
        return project;
    }

    private static void AddMigration(ScratchSqlProject project, string id, string requires)
    {
        var header = $"-- migration: {id}\n-- description: A step of the test.\n-- requires: {requires}\n\n";
        project.AddFile($"Migrations/{id}.up.sql", header + $"PRINT N'{id} up';\n");
        project.AddFile($"Migrations/{id}.down.sql", header + $"PRINT N'{id} down';\n");
    }
}
