using System.Text.RegularExpressions;

namespace Foundation.Deploy.Migrations;

/// <summary>
/// Reads the header of an up script: the comment lines at the very top of the file, one <c>-- key: value</c> per line.
/// <code>
/// -- migration: 0001-normalise-tenant-slugs
/// -- description: Trim and lower-case tenant slugs.
/// -- requires: 0000-other, 0000-another      (optional; comma-separated ids)
/// </code>
/// The header ends at the first line that is not a <c>--</c> comment (an empty line ends it too). Unknown keys, repeated keys, a missing
/// <c>migration</c> or <c>description</c>, and an id that is not the file's name are errors.
/// </summary>
public static partial class MigrationHeaderParser
{
    public const string UpSuffix = ".up.sql";
    public const string DownSuffix = ".down.sql";

    public sealed record Header(string Id, string Description, IReadOnlyList<string> Requires);

    /// <summary>Parses the header; returns null and adds to <paramref name="errors"/> when it is malformed.</summary>
    public static Header? Parse(string path, string text, ICollection<MigrationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var values = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var before = errors.Count;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (!line.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }

            var match = HeaderLine().Match(line);
            if (!match.Success)
            {
                errors.Add(new MigrationError("FDM001", path, i + 1, $"Malformed migration header line '{line}': expected '-- key: value' (keys: migration, description, requires); end the header with an empty line before other comments."));
                continue;
            }

            var key = match.Groups["key"].Value.ToLowerInvariant();
            var value = match.Groups["value"].Value.Trim();
            if (key is not ("migration" or "description" or "requires"))
            {
                errors.Add(new MigrationError("FDM001", path, i + 1, $"Unknown migration header key '{key}' (expected migration, description, requires)."));
                continue;
            }

            if (!values.TryAdd(key, (value, i + 1)))
            {
                errors.Add(new MigrationError("FDM001", path, i + 1, $"The migration header key '{key}' appears twice."));
            }
        }

        if (!values.TryGetValue("migration", out var id) || id.Value.Length == 0)
        {
            errors.Add(new MigrationError("FDM001", path, 1, "The migration header has no '-- migration: <id>' line at the top of the file."));
        }
        else if (!IdPattern().IsMatch(id.Value))
        {
            errors.Add(new MigrationError("FDM001", path, id.Line, $"The migration id '{id.Value}' is not valid: use letters, digits, '.', '_' and '-' (at most 128), starting with a letter or digit."));
        }
        else
        {
            var expected = Path.GetFileName(path);
            expected = expected.EndsWith(UpSuffix, StringComparison.OrdinalIgnoreCase) ? expected[..^UpSuffix.Length] : expected;
            if (!string.Equals(expected, id.Value, StringComparison.Ordinal))
            {
                errors.Add(new MigrationError("FDM001", path, id.Line, $"The migration id '{id.Value}' does not match the file name '{Path.GetFileName(path)}' (expected '{id.Value}{UpSuffix}')."));
            }
        }

        if (!values.TryGetValue("description", out var description) || description.Value.Length == 0)
        {
            errors.Add(new MigrationError("FDM001", path, 1, "The migration header has no '-- description: <text>' line."));
        }

        var requires = new List<string>();
        if (values.TryGetValue("requires", out var requiresValue))
        {
            foreach (var part in requiresValue.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!IdPattern().IsMatch(part))
                {
                    errors.Add(new MigrationError("FDM001", path, requiresValue.Line, $"The required id '{part}' is not a valid migration id."));
                }
                else if (requires.Contains(part, StringComparer.Ordinal))
                {
                    errors.Add(new MigrationError("FDM001", path, requiresValue.Line, $"The required id '{part}' is listed twice."));
                }
                else
                {
                    requires.Add(part);
                }
            }
        }

        return errors.Count > before ? null : new Header(id.Value, description.Value, requires);
    }

    [GeneratedRegex(@"^--\s*(?<key>[A-Za-z]+)\s*:(?<value>.*)$")]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex IdPattern();
}
