using System.Text.Json;
using System.Text.Json.Serialization;

namespace Foundation.Deploy.Migrations;

/// <summary>
/// <c>Migrations/migrations.lock.json</c>: the id and checksum of every migration that has been released. The build
/// fails when a locked migration changes or disappears. The <c>baseline</c> verb (run at release) adds new entries.
/// </summary>
public sealed class MigrationLockFile
{
    private static readonly JsonSerializerOptions _json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public MigrationLockFile(string path, IReadOnlyList<Entry> entries)
    {
        Path = path;
        Entries = entries;
    }

    public string Path { get; }

    public IReadOnlyList<Entry> Entries { get; }

    /// <summary>A released migration. <paramref name="Irreversible"/>: why it may never be rolled back (null: it may).</summary>
    public sealed record Entry(string Id, string Checksum, string Release, string? Irreversible = null);

    public static MigrationLockFile Read(string path, ICollection<MigrationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            var document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), _json);
            var entries = document?.Migrations ?? [];
            foreach (var entry in entries.Where(e => string.IsNullOrWhiteSpace(e.Id) || string.IsNullOrWhiteSpace(e.Checksum)))
            {
                errors.Add(new MigrationError("FDM022", path, 0, $"A lock entry has no id or checksum ({entry})."));
            }

            return new MigrationLockFile(path, entries.Where(e => !string.IsNullOrWhiteSpace(e.Id)).ToList());
        }
        catch (JsonException ex)
        {
            errors.Add(new MigrationError("FDM022", path, (int)(ex.LineNumber ?? -1) + 1, $"The migration lock file is not valid JSON: {ex.Message}"));
            return new MigrationLockFile(path, []);
        }
    }

    /// <summary>Returns a lock file that also holds every migration in <paramref name="migrations"/> not yet locked, marked with <paramref name="release"/>.</summary>
    public MigrationLockFile WithReleased(IEnumerable<Migration> migrations, string release)
    {
        var entries = Entries.ToList();
        foreach (var migration in migrations.Where(m => entries.TrueForAll(e => e.Id != m.Id)))
        {
            entries.Add(new Entry(migration.Id, migration.Checksum, release));
        }

        return new MigrationLockFile(Path, entries.OrderBy(e => e.Id, StringComparer.Ordinal).ToList());
    }

    public void Write()
    {
        var document = new Document(
            "Released data migrations: id and SHA-256 of up+down scripts. Written by 'Foundation.Deploy baseline'; the build fails when a released migration changes.",
            Entries.ToList());
        File.WriteAllText(Path, JsonSerializer.Serialize(document, _json) + "\n");
    }

    private sealed record Document(string? Comment, List<Entry>? Migrations);
}
