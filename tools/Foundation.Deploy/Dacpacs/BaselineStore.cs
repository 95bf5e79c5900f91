using System.Text.Json;
using Foundation.Deploy.Migrations;

namespace Foundation.Deploy.Dacpacs;

/// <summary>
/// Keeps the released models as test fixtures: <c>Fixtures/Baselines/&lt;version&gt;/Foundation.Database.dacpac</c> with a
/// <c>manifest.json</c> (version, model checksum, migrations). Creating one also locks the release's migrations in
/// <c>Migrations/migrations.lock.json</c>, so that a released migration can no longer change.
/// </summary>
public static class BaselineStore
{
    public const string ManifestFile = "manifest.json";

    public static string Create(string dacpacPath, string version, string baselinesDirectory, string migrationsDirectory, bool overwrite)
    {
        // Checked before it becomes a folder name: a semantic version cannot hold '/', '\\' or '..'.
        if (!ReleaseVersion.IsSemantic(version))
        {
            throw DeployToolException.InvalidInput($"--version: '{version}' is not a semantic version (expected e.g. {ReleaseVersion.Example}).");
        }

        using var dacpac = DacpacFile.Open(dacpacPath).EnsureFoundation(allowOther: false, "--dacpac");
        dacpac.LoadModel();
        var folder = Path.Combine(baselinesDirectory, version);
        if (Directory.Exists(folder) && !overwrite)
        {
            throw DeployToolException.InvalidInput($"The baseline '{folder}' already exists: a released baseline does not change (pass --force to replace it).");
        }

        var lockPath = Path.Combine(migrationsDirectory, "migrations.lock.json");
        var graph = MigrationGraph.Load(migrationsDirectory, lockPath);
        if (!graph.IsValid)
        {
            throw DeployToolException.InvalidInput("The migrations are not valid:" + Environment.NewLine + string.Join(Environment.NewLine, graph.Errors));
        }

        var built = graph.Order.Select(m => m.Id).ToList();
        var packaged = dacpac.Migrations.Select(m => m.Id).ToList();
        if (!built.SequenceEqual(packaged, StringComparer.Ordinal))
        {
            throw DeployToolException.InvalidInput($"The dacpac '{dacpac.Path}' carries migrations [{string.Join(", ", packaged)}] but the folder has [{string.Join(", ", built)}]: rebuild the project first.");
        }

        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, "Foundation.Database.dacpac");
        File.Copy(dacpac.Path, target, overwrite: true);
        var manifest = new ArtifactStore.BaselineManifest(version, dacpac.ModelChecksum, dacpac.Version.ToString(), DateTimeOffset.UtcNow, packaged);
        File.WriteAllText(Path.Combine(folder, ManifestFile), JsonSerializer.Serialize(manifest, ArtifactStore.BaselineManifest.Json) + "\n");

        var errors = new List<MigrationError>();
        var lockFile = File.Exists(lockPath) ? MigrationLockFile.Read(lockPath, errors) : new MigrationLockFile(lockPath, []);
        lockFile.WithReleased(graph.Order, version).Write();
        return target;
    }

    /// <summary>The release version a baseline's manifest gives, or null.</summary>
    public static string? ReadVersion(string dacpacPath)
    {
        var manifest = Path.Combine(Path.GetDirectoryName(dacpacPath) ?? ".", ManifestFile);
        if (!File.Exists(manifest))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ArtifactStore.BaselineManifest>(File.ReadAllText(manifest), ArtifactStore.BaselineManifest.Json)?.Version;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
