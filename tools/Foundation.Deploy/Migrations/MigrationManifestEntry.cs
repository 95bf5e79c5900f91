using System.Text.Json;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Deploy.Migrations;

/// <summary>
/// The line the generator writes above each migration in the post-deployment script
/// (<c>-- @migration {"id":...}</c>), so that the tool can read from any dacpac which migrations it carries,
/// in which order, and whether each can be rolled back.
/// </summary>
/// <remarks><see cref="HasDown"/> is false for an irreversible migration (<see cref="Irreversible"/> says why).</remarks>
public sealed record MigrationManifestEntry(string Id, string Description, string Checksum, IReadOnlyList<string> Requires, bool HasDown, int Order, string? Irreversible = null)
{
    public const string Marker = "-- @migration ";

    private static readonly JsonSerializerOptions _json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static MigrationManifestEntry From(Migration migration, int order)
    {
        ArgumentNullException.ThrowIfNull(migration);
        return new MigrationManifestEntry(
            migration.Id, migration.Description, migration.Checksum, migration.Requires, migration.HasDown && migration.Irreversible is null, order, migration.Irreversible);
    }

    public string ToLine() => Marker + JsonSerializer.Serialize(this, _json);

    /// <summary>
    /// The up script of each migration in a post-deployment script written by <see cref="MigrationScriptGenerator"/>:
    /// the string the first <c>sp_executesql</c> after the migration's manifest line runs.
    /// </summary>
    public static IReadOnlyDictionary<string, string> UpScripts(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var parts = script.Split(Marker, StringSplitOptions.None);
        foreach (var part in parts.Skip(1))
        {
            var newline = part.IndexOf('\n', StringComparison.Ordinal);
            var entry = newline < 0 ? null : JsonSerializer.Deserialize<MigrationManifestEntry>(part[..newline], _json);
            var end = part.IndexOf("\nGO", StringComparison.Ordinal);
            if (entry is null || end < 0)
            {
                continue;
            }

            var batch = new TSql160Parser(true).Parse(new StringReader(part[newline..end]), out _);
            var finder = new FirstExecuteSqlString();
            batch?.Accept(finder);
            if (finder.Value is not null)
            {
                result[entry.Id] = finder.Value;
            }
        }

        return result;
    }

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

    private sealed class FirstExecuteSqlString : TSqlFragmentVisitor
    {
        public string? Value { get; private set; }

        public override void Visit(ExecuteSpecification node)
        {
            if (Value is null
                && node.ExecutableEntity is ExecutableProcedureReference procedure
                && procedure.ProcedureReference?.ProcedureReference?.Name.BaseIdentifier.Value.Equals("sp_executesql", StringComparison.OrdinalIgnoreCase) == true
                && procedure.Parameters.FirstOrDefault()?.ParameterValue is StringLiteral literal)
            {
                Value = literal.Value;
            }
        }
    }
}
