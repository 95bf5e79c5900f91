using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.Build;

/// <summary>
/// Foundation.Deploy's migrations build step (imported by Foundation.Database.sqlproj) follows the glue's never-stale
/// rule: a migration deleted after a build disappears from the generated deploy-script include and from the dacpac,
/// although no remaining file is newer than the last build.
/// </summary>
public sealed class MigrationsStepTests
{
    [Fact]
    public async Task Build_DropsADeletedMigrationFromTheDacpac()
    {
        // Arrange: a project laid out as Foundation.Database is: Migrations/, and a post-deployment script that includes the
        // generated obj/Migrations file.
        var migrationsTargets = Path.Combine(RepositoryPaths.Root, "tools", "Foundation.Deploy", "build", "Foundation.Deploy.Migrations.targets");
        using var project = new ScratchSqlProject("Migrating", $"""
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

    private static void AddMigration(ScratchSqlProject project, string id, string requires)
    {
        var header = $"-- migration: {id}\n-- description: A step of the test.\n-- requires: {requires}\n\n";
        project.AddFile($"Migrations/{id}.up.sql", header + $"PRINT N'{id} up';\n");
        project.AddFile($"Migrations/{id}.down.sql", header + $"PRINT N'{id} down';\n");
    }
}
