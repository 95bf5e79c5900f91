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
/// </summary>
public sealed class DeploymentAllowances
{
    private static readonly JsonSerializerOptions _json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Dictionary<string, string> _dataLoss = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _rebuilds = new(StringComparer.Ordinal);

    public static DeploymentAllowances None => new();

    /// <summary>Who or what allowed data loss on the object (file and reason, or the command line), or null.</summary>
    public string? DataLossAllowedBy(string objectName) => _dataLoss.GetValueOrDefault(ObjectNames.Normalise(objectName));

    public string? RebuildAllowedBy(string table) => _rebuilds.GetValueOrDefault(ObjectNames.Normalise(table));

    public DeploymentAllowances AllowDataLoss(string objectName, string source)
    {
        _dataLoss[ObjectNames.Normalise(objectName)] = source;
        return this;
    }

    public DeploymentAllowances AllowRebuild(string table, string source)
    {
        _rebuilds[ObjectNames.Normalise(table)] = source;
        return this;
    }

    /// <summary>Adds the entries of an allowances file; a missing reason or object is an error naming the file.</summary>
    public DeploymentAllowances AddFile(string path)
    {
        if (!File.Exists(path))
        {
            throw DeployToolException.InvalidInput($"The allowances file '{path}' does not exist.");
        }

        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), _json);
        }
        catch (JsonException ex)
        {
            throw new DeployToolException(ExitCode.InvalidInput, $"The allowances file '{path}' is not valid JSON (line {(ex.LineNumber ?? 0) + 1}): {ex.Message}", ex);
        }

        foreach (var (entries, add) in new[] { (document?.DataLoss, (Func<string, string, DeploymentAllowances>)AllowDataLoss), (document?.TableRebuilds, AllowRebuild) })
        {
            foreach (var entry in entries ?? [])
            {
                if (string.IsNullOrWhiteSpace(entry.Object) || string.IsNullOrWhiteSpace(entry.Reason))
                {
                    throw DeployToolException.InvalidInput($"The allowances file '{path}' has an entry without 'object' or 'reason' ({entry.Object ?? "no object"}): every exception must say why.");
                }

                add(entry.Object, $"{Path.GetFileName(path)}: {entry.Reason}" + (string.IsNullOrWhiteSpace(entry.ApprovedBy) ? string.Empty : $" (approved by {entry.ApprovedBy})"));
            }
        }

        return this;
    }

    private sealed record Entry(string? Object, string? Reason, string? ApprovedBy);

    private sealed record Document(List<Entry>? DataLoss, List<Entry>? TableRebuilds);
}
