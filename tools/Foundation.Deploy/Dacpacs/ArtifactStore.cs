using System.Text.Json;

namespace Foundation.Deploy.Dacpacs;

/// <summary>
/// Finds the dacpac of a recorded release. Searched, in order: the folders given with <c>--artifacts</c> (the
/// pipeline's per-release archive: any <c>*.dacpac</c> below it, or <c>&lt;version&gt;/*.dacpac</c>), the local cache of
/// deployed dacpacs (<c>artifacts/deployed/&lt;checksum&gt;.dacpac</c>, written by each successful publish), and the
/// release baselines (<c>Foundation.Database.Tests/Fixtures/Baselines/&lt;version&gt;/</c>).
/// </summary>
public sealed class ArtifactStore(IReadOnlyList<string> directories)
{
    public const string BaselinesRelativePath = "Foundation.Database.Tests/Fixtures/Baselines";
    public const string DeployedCacheRelativePath = "artifacts/deployed";

    public IReadOnlyList<string> Directories { get; } = directories;

    /// <summary>The user's folders, then the repository's cache and baselines (when run inside the repository).</summary>
    public static ArtifactStore Create(IEnumerable<string> userDirectories, string? repositoryRoot)
    {
        var directories = userDirectories.Select(Path.GetFullPath).ToList();
        if (repositoryRoot is not null)
        {
            directories.Add(Path.Combine(repositoryRoot, DeployedCacheRelativePath));
            directories.Add(Path.Combine(repositoryRoot, BaselinesRelativePath));
        }

        return new ArtifactStore(directories);
    }

    public string? FindByChecksum(string checksum)
    {
        foreach (var file in AllDacpacs())
        {
            if (string.Equals(DacpacFile.TryComputeModelChecksum(file), checksum, StringComparison.OrdinalIgnoreCase))
            {
                return file;
            }
        }

        return null;
    }

    public string? FindByVersion(string version)
    {
        foreach (var directory in Directories.Where(Directory.Exists))
        {
            var folder = Path.Combine(directory, version);
            if (Directory.Exists(folder))
            {
                var dacpac = Directory.EnumerateFiles(folder, "*.dacpac").Order(StringComparer.Ordinal).FirstOrDefault();
                if (dacpac is not null)
                {
                    return dacpac;
                }
            }
        }

        return null;
    }

    /// <summary>The baseline with the highest version under <paramref name="baselinesDirectory"/> (folder names are versions).</summary>
    public static string? LatestBaseline(string baselinesDirectory)
    {
        if (!Directory.Exists(baselinesDirectory))
        {
            return null;
        }

        return Directory.EnumerateDirectories(baselinesDirectory)
            .Select(d => (Directory: d, Version: ParseVersion(Path.GetFileName(d))))
            .Where(d => d.Version is not null && Directory.EnumerateFiles(d.Directory, "*.dacpac").Any())
            .OrderByDescending(d => d.Version)
            .Select(d => Directory.EnumerateFiles(d.Directory, "*.dacpac").Order(StringComparer.Ordinal).First())
            .FirstOrDefault();
    }

    /// <summary>Copies a successfully deployed dacpac into the local cache so the next deployment can check drift against it.</summary>
    public static void CacheDeployed(string dacpacPath, string checksum, string repositoryRoot)
    {
        var cache = Path.Combine(repositoryRoot, DeployedCacheRelativePath);
        Directory.CreateDirectory(cache);
        File.Copy(dacpacPath, Path.Combine(cache, checksum + ".dacpac"), overwrite: true);
    }

    public static Version? ParseVersion(string text)
    {
        var core = text.Split('-', '+')[0];
        return Version.TryParse(core.Contains('.', StringComparison.Ordinal) ? core : core + ".0", out var version) ? version : null;
    }

    /// <summary>The manifest written beside a baseline dacpac.</summary>
    public sealed record BaselineManifest(string Version, string ModelChecksum, string DacVersion, DateTimeOffset CreatedAt, IReadOnlyList<string> Migrations)
    {
        public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    }

    private IEnumerable<string> AllDacpacs() => Directories
        .Where(Directory.Exists)
        .SelectMany(d => Directory.EnumerateFiles(d, "*.dacpac", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
}
