using System.Text.RegularExpressions;

namespace Foundation.Deploy.Planning;

/// <summary>Helpers for DacFx's bracketed names (<c>[Schema].[Table].[Column]</c>).</summary>
public static partial class ObjectNames
{
    public static IReadOnlyList<string> Parts(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = Part().Matches(name).Select(m => m.Groups[1].Value.Replace("]]", "]", StringComparison.Ordinal)).ToList();
        return parts.Count > 0 ? parts : name.Split('.');
    }

    public static string Quote(params IEnumerable<string> parts) =>
        string.Join('.', parts.Select(p => "[" + p.Replace("]", "]]", StringComparison.Ordinal) + "]"));

    /// <summary>The <c>[Schema].[Table]</c> an index, constraint or column name belongs to (the first two parts).</summary>
    public static string TableOf(string name)
    {
        var parts = Parts(name);
        return parts.Count >= 2 ? Quote(parts.Take(2)) : name;
    }

    /// <summary>Normalises a name a person typed (<c>Identity.Users.Email</c> or <c>[identity].[users].[email]</c>) for comparison.</summary>
    public static string Normalise(string name) => Quote(Parts(name.Trim())).ToUpperInvariant();

    [GeneratedRegex(@"\[((?:[^\]]|\]\])*)\]")]
    private static partial Regex Part();
}
