using Foundation.Database.Tests.Infrastructure;
using Foundation.Deploy.Dacpacs;
using Foundation.Deploy.Planning;

namespace Foundation.Database.Tests.Deployment;

/// <summary>
/// The last released model (Fixtures/Baselines) against the current build, offline: both directions plan, and the
/// plans are what the baseline's own manifest says. Nothing assumes the baseline equals the current model.
/// </summary>
public sealed class BaselineTests
{
    private static string Baselines => Path.Combine(RepositoryPaths.Root, ArtifactStore.BaselinesRelativePath);

    [Fact]
    public void LatestBaseline_ExistsWithAManifestMatchingItsModel()
    {
        var path = ArtifactStore.LatestBaseline(Baselines);

        Assert.NotNull(path);
        using var baseline = DacpacFile.Open(path);
        var version = BaselineStore.ReadVersion(path);
        Assert.NotNull(version);
        Assert.Equal(version, Path.GetFileName(Path.GetDirectoryName(path)));
        var manifest = System.Text.Json.JsonSerializer.Deserialize<ArtifactStore.BaselineManifest>(
            File.ReadAllText(Path.Combine(Path.GetDirectoryName(path)!, BaselineStore.ManifestFile)), ArtifactStore.BaselineManifest.Json)!;
        Assert.Equal(manifest.ModelChecksum, baseline.ModelChecksum);
        Assert.Equal(manifest.Migrations, baseline.Migrations.Select(m => m.Id));
    }

    [Fact]
    public void UpgradeFromBaseline_AppliesExactlyTheMigrationsTheBaselineLacks()
    {
        var path = ArtifactStore.LatestBaseline(Baselines)!;
        using var baseline = DacpacFile.Open(path);
        using var current = DacpacFile.Open(RepositoryPaths.Dacpac);

        var report = DeploymentPlanner.Plan(current, baseline, PlanRequest.Default()).Report;

        var expected = current.Migrations.Select(m => m.Id).Except(baseline.Migrations.Select(m => m.Id)).ToList();
        Assert.Equal(expected, report.Migrations.Where(m => m.Direction == PlannedMigration.Up).Select(m => m.Id));
        Assert.DoesNotContain(report.Migrations, m => m.Direction == PlannedMigration.Down);
        Assert.Equal(baseline.ModelChecksum, report.Target.RecordedChecksum);
    }

    [Fact]
    public void RollbackToBaseline_UndoesTheNewerMigrations_AndEachHasADownStep()
    {
        var path = ArtifactStore.LatestBaseline(Baselines)!;
        using var baseline = DacpacFile.Open(path);
        using var current = DacpacFile.Open(RepositoryPaths.Dacpac);

        var report = DeploymentPlanner.Plan(baseline, current, PlanRequest.Default(DeploymentDirection.Rollback)).Report;

        var newer = current.Migrations.Select(m => m.Id).Except(baseline.Migrations.Select(m => m.Id)).Reverse().ToList();
        Assert.Equal(newer, report.Migrations.Where(m => m.Direction == PlannedMigration.Down).Select(m => m.Id));
        Assert.DoesNotContain(report.GateRefusals, r => r.Contains("no down step", StringComparison.Ordinal));
    }

    [Fact]
    public void CurrentDacpac_CarriesTheRepositoryMigrationsInGraphOrder()
    {
        var directory = Path.Combine(RepositoryPaths.DatabaseProjectDirectory, "Migrations");
        var graph = Foundation.Deploy.Migrations.MigrationGraph.Load(directory);
        using var current = DacpacFile.Open(RepositoryPaths.Dacpac);

        Assert.Equal(graph.Order.Select(m => m.Id), current.Migrations.Select(m => m.Id));
        Assert.Equal(graph.Order.Select(m => m.Checksum), current.Migrations.Select(m => m.Checksum));
        Assert.Contains("ReleaseVersion", current.DeclaredVariables.Keys);
    }
}
