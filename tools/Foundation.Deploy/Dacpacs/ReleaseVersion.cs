using System.Text.RegularExpressions;

namespace Foundation.Deploy.Dacpacs;

/// <summary>
/// Release version names. A version becomes a folder name (<c>Fixtures/Baselines/&lt;version&gt;</c>,
/// <c>&lt;archive&gt;/&lt;version&gt;/</c>), so it is checked before it is used as one: a new baseline takes a semantic
/// version (semver.org 2.0.0, e.g. <c>1.2.0</c> or <c>1.2.0-rc.1</c>); a lookup also accepts a dotted numeric version
/// of two to four parts (a build number such as <c>20250101.1</c>). Neither can hold a path separator or <c>..</c>.
/// </summary>
public static partial class ReleaseVersion
{
    /// <summary>The longest version Deploy.SchemaHistory.ReleaseVersion holds (NVARCHAR(64)).</summary>
    public const int MaxLength = 64;

    public const string Example = "1.2.0 or 1.2.0-rc.1";

    public static bool IsSemantic(string? text) => text is { Length: > 0 and <= MaxLength } && Semantic().IsMatch(text);

    /// <summary>A version a release can be looked up by: semantic, or a dotted numeric build number.</summary>
    public static bool IsLookup(string? text) => IsSemantic(text) || (text is { Length: > 0 and <= MaxLength } && Numeric().IsMatch(text));

    /// <summary>
    /// A DacFx package version as a release is named: <c>1.0.0.0</c> shows as <c>1.0.0</c> (DacVersion has four parts,
    /// releases three); a non-zero fourth part is kept.
    /// </summary>
    public static string Display(Version version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.Revision > 0 ? version.ToString() : version.ToString(Math.Min(3, version.Build < 0 ? 2 : 3));
    }

    // semver.org's recommended expression, verbatim.
    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")]
    private static partial Regex Semantic();

    [GeneratedRegex(@"^\d{1,10}(\.\d{1,10}){1,3}$")]
    private static partial Regex Numeric();
}
