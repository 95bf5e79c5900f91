using System.Text.Json;
using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.Security;

/// <summary>
/// The tables allowed to have no TenantId column, each with the reason, read from
/// <c>Foundation.Database/Security/GlobalTables.json</c>. Keys are "Schema.Table".
/// </summary>
public sealed class GlobalTableAllowList
{
    private GlobalTableAllowList(IReadOnlyDictionary<string, string> reasons) => Reasons = reasons;

    public static string DefaultPath => Path.Combine(RepositoryPaths.DatabaseProjectDirectory, "Security", "GlobalTables.json");

    /// <summary>Reason per table, by "Schema.Table" (case-insensitive).</summary>
    public IReadOnlyDictionary<string, string> Reasons { get; }

    public bool Contains(string schema, string table) => Reasons.ContainsKey($"{schema}.{table}");

    public static GlobalTableAllowList Empty { get; } = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

    public static GlobalTableAllowList Of(params (string Table, string Reason)[] entries) =>
        new(entries.ToDictionary(e => e.Table, e => e.Reason, StringComparer.OrdinalIgnoreCase));

    /// <summary>Reads the file; an entry without a table or a reason, or a table listed twice, is an error.</summary>
    public static GlobalTableAllowList Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var reasons = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in document.RootElement.GetProperty("globalTables").EnumerateArray())
        {
            var table = entry.TryGetProperty("table", out var t) ? t.GetString() : null;
            var reason = entry.TryGetProperty("reason", out var r) ? r.GetString() : null;
            if (string.IsNullOrWhiteSpace(table) || table.Split('.').Length != 2 || string.IsNullOrWhiteSpace(reason))
            {
                throw new InvalidDataException($"{path}: every entry needs \"table\": \"Schema.Table\" and a non-empty \"reason\" ({entry}).");
            }

            if (!reasons.TryAdd(table, reason))
            {
                throw new InvalidDataException($"{path}: {table} is listed twice.");
            }
        }

        return new GlobalTableAllowList(reasons);
    }
}
