using System.Text.Json;

namespace Foundation.Deploy.Planning;

/// <summary>
/// The reviewed exceptions to the gates: which objects may lose data and which tables may be rebuilt. Each entry names
/// one object exactly as the report does (<c>[Schema].[Table].[Column]</c> or <c>[Schema].[Table]</c>) and carries a
/// reason. Read from a committed JSON file (reviewed in a pull request) and/or <c>--allow-data-loss</c> /
/// <c>--allow-rebuild</c> options. Nothing is allowed by default.
/// <code>
/// { "dataLoss":      [ { "object": "[Identity].[Users].[LegacyCode]", "reason": "...", "approvedBy": "..." } ],
///   "tableRebuilds": [ { "object": "[Identity].[Users]", "reason": "...", "approvedBy": "..." } ] }
/// </code>
/// A key the file format does not have (a typo such as <c>tableRebuild</c> or <c>reasn</c>) is an error, as is an
/// allowance that matches nothing in the plan (<see cref="Unused"/>: reported by <c>plan</c>, refused by <c>publish</c>),
/// since a stale allowance would silently allow a later, unreviewed loss of the same object.
/// </summary>
public sealed class DeploymentAllowances
{
    public const string DataLossKey = "dataLoss";
    public const string TableRebuildsKey = "tableRebuilds";

    private static readonly string[] _topLevelKeys = [DataLossKey, TableRebuildsKey];
    private static readonly string[] _entryKeys = ["object", "reason", "approvedBy"];

    private static readonly JsonDocumentOptions _json = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly Dictionary<string, Entry> _dataLoss = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _rebuilds = new(StringComparer.Ordinal);

    /// <summary>What an allowance allows.</summary>
    public enum Kind
    {
        DataLoss,
        TableRebuild,
    }

    public static DeploymentAllowances None => new();

    /// <summary>Every allowance, data loss first, in the order given.</summary>
    public IReadOnlyList<Entry> Entries => [.. _dataLoss.Values, .. _rebuilds.Values];

    /// <summary>Who or what allowed data loss on the object (file and reason, or the command line), or null.</summary>
    public string? DataLossAllowedBy(string objectName) => _dataLoss.GetValueOrDefault(ObjectNames.Normalise(objectName))?.Source;

    public string? RebuildAllowedBy(string table) => _rebuilds.GetValueOrDefault(ObjectNames.Normalise(table))?.Source;

    public DeploymentAllowances AllowDataLoss(string objectName, string source)
    {
        RequireName(objectName, 2, 3, source);
        _dataLoss[ObjectNames.Normalise(objectName)] = new Entry(Kind.DataLoss, objectName.Trim(), source);
        return this;
    }

    public DeploymentAllowances AllowRebuild(string table, string source)
    {
        RequireName(table, 2, 2, source);
        _rebuilds[ObjectNames.Normalise(table)] = new Entry(Kind.TableRebuild, table.Trim(), source);
        return this;
    }

    /// <summary>The allowances that match no data-loss alert / no table rebuild of a plan.</summary>
    public static IReadOnlyList<Entry> Unused(IEnumerable<Entry> entries, IEnumerable<string> dataLossObjects, IEnumerable<string> rebuiltTables)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var lost = dataLossObjects.Select(ObjectNames.Normalise).ToHashSet(StringComparer.Ordinal);
        var rebuilt = rebuiltTables.Select(ObjectNames.Normalise).ToHashSet(StringComparer.Ordinal);
        return entries.Where(e => !(e.Allows == Kind.DataLoss ? lost : rebuilt).Contains(ObjectNames.Normalise(e.ObjectName))).ToList();
    }

    /// <summary>Adds the entries of an allowances file; an unknown key, a missing reason or object is an error naming the file.</summary>
    public DeploymentAllowances AddFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw DeployToolException.InvalidInput($"The allowances file '{path}' is a folder: give the path of a JSON file.");
        }

        if (!File.Exists(path))
        {
            throw DeployToolException.InvalidInput($"The allowances file '{path}' does not exist.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), _json);
        }
        catch (JsonException ex)
        {
            throw new DeployToolException(ExitCode.InvalidInput, $"The allowances file '{path}' is not valid JSON (line {(ex.LineNumber ?? 0) + 1}): {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DeployToolException(ExitCode.InvalidInput, $"The allowances file '{path}' cannot be read: {ex.Message}", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, $"it must be a JSON object with '{DataLossKey}' and '{TableRebuildsKey}' arrays");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                RequireKnown(path, property.Name, property.Name, _topLevelKeys);
                if (!IsComment(property.Name))
                {
                    AddEntries(path, property, property.Name == DataLossKey ? AllowDataLoss : AllowRebuild);
                }
            }
        }

        return this;
    }

    private static void AddEntries(string path, JsonProperty list, Func<string, string, DeploymentAllowances> add)
    {
        if (list.Value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(path, $"'{list.Name}' must be an array of {{ \"object\", \"reason\", \"approvedBy\" }} entries");
        }

        var index = 0;
        foreach (var item in list.Value.EnumerateArray())
        {
            var at = $"{list.Name}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, $"{at} must be an object with \"object\", \"reason\" and \"approvedBy\"");
            }

            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var field in item.EnumerateObject())
            {
                RequireKnown(path, field.Name, $"{at}.{field.Name}", _entryKeys);
                values[field.Name] = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString()
                    : IsComment(field.Name) ? null
                    : throw Invalid(path, $"{at}.{field.Name} must be a string");
            }

            var objectName = values.GetValueOrDefault("object");
            var reason = values.GetValueOrDefault("reason");
            if (string.IsNullOrWhiteSpace(objectName) || string.IsNullOrWhiteSpace(reason))
            {
                throw Invalid(path, $"{at} has no 'object' or no 'reason' ({objectName ?? "no object"}): every exception must say why");
            }

            var approvedBy = values.GetValueOrDefault("approvedBy");
            try
            {
                add(objectName, $"{Path.GetFileName(path)}: {reason}" + (string.IsNullOrWhiteSpace(approvedBy) ? string.Empty : $" (approved by {approvedBy})"));
            }
            catch (DeployToolException ex)
            {
                throw Invalid(path, $"{at}: {ex.Message.TrimEnd('.')}");
            }
        }
    }

    private static void RequireKnown(string path, string key, string at, string[] known)
    {
        if (!IsComment(key) && !known.Contains(key, StringComparer.Ordinal))
        {
            throw Invalid(path, $"unknown key '{at}' (known: {string.Join(", ", known)}; keys starting with // are comments).{NameSuggestion.Hint(key, known)}");
        }
    }

    private static void RequireName(string name, int minParts, int maxParts, string source)
    {
        var parts = string.IsNullOrWhiteSpace(name) ? [] : ObjectNames.Parts(name.Trim());
        if (parts.Count < minParts || parts.Count > maxParts || parts.Any(string.IsNullOrWhiteSpace))
        {
            var expected = maxParts == 2 ? "[Schema].[Table]" : "[Schema].[Table] or [Schema].[Table].[Column]";
            throw DeployToolException.InvalidInput($"The allowance '{name}' ({source}) does not name one object: expected {expected}.");
        }
    }

    private static bool IsComment(string key) => key.StartsWith("//", StringComparison.Ordinal) || key.StartsWith('$');

    private static DeployToolException Invalid(string path, string problem) =>
        DeployToolException.InvalidInput($"The allowances file '{path}' is not valid: {problem}.");

    /// <summary>One allowance: what it allows, the object as written, and where it came from (file and reason, or the command line).</summary>
    public sealed record Entry(Kind Allows, string ObjectName, string Source);
}
