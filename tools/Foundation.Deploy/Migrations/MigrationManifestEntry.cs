using System.Text.Json;

namespace Foundation.Deploy.Migrations;

/// <summary>
/// The line the generator writes above each migration in the post-deployment script
/// (<c>-- @migration {"id":...}</c>), so that the tool can read from any dacpac which migrations it carries,
/// in which order, and whether each can be rolled back.
/// </summary>
public sealed record MigrationManifestEntry(string Id, string Description, string Checksum, IReadOnlyList<string> Requires, bool HasDown, int Order)
{
    public const string Marker = "-- @migration ";

    private static readonly JsonSerializerOptions _json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static MigrationManifestEntry From(Migration migration, int order)
    {
        ArgumentNullException.ThrowIfNull(migration);
        return new MigrationManifestEntry(migration.Id, migration.Description, migration.Checksum, migration.Requires, migration.HasDown, order);
    }

    public string ToLine() => Marker + JsonSerializer.Serialize(this, _json);

    public static IReadOnlyList<MigrationManifestEntry> ParseAll(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var result = new List<MigrationManifestEntry>();
        foreach (var raw in script.Split('\n'))
        {
            var line = raw.TrimEnd('\r').TrimStart();
            if (line.StartsWith(Marker, StringComparison.Ordinal))
            {
                var entry = JsonSerializer.Deserialize<MigrationManifestEntry>(line[Marker.Length..], _json);
                if (entry is not null)
                {
                    result.Add(entry);
                }
            }
        }

        return result.OrderBy(e => e.Order).ToList();
    }
}
