using System.Reflection;
using System.Security;
using System.Text;
using Microsoft.SqlServer.Dac;

namespace Foundation.Deploy.Profiles;

/// <summary>
/// The property names a publish profile may hold, taken from DacFx itself rather than a hand-kept list: the public
/// properties of <see cref="DacDeployOptions"/> that DacFx's profile loader (<see cref="DacProfile"/>) really reads,
/// plus the profile-level names (<see cref="ProfileLevel"/>). Which options the loader reads is found once per process
/// by loading, from memory, a profile that sets every option to a non-default value and seeing which changed: some
/// options (e.g. CommandTimeout, DatabaseLockTimeout) are silently ignored by the loader, so a profile setting them
/// would not do what it says (PublishProfileReaderTests pins that list). The per-type switches SSDT writes
/// (<c>DoNotDropUsers</c>, <c>ExcludeLogins</c>, ...: <c>DoNotDrop</c>/<c>Exclude</c> + an <see cref="ObjectType"/> name,
/// which the loader turns into DoNotDropObjectTypes/ExcludeObjectTypes) are probed the same way.
/// </summary>
public static class DeployOptionNames
{
    /// <summary>Names that belong to the profile rather than to the deploy options (Visual Studio writes the last two).</summary>
    public static readonly IReadOnlyList<string> ProfileLevel = ["TargetDatabaseName", "TargetConnectionString", "DeployScriptFileName", "ProfileVersionNumber"];

    private static readonly Lazy<(HashSet<string> Read, HashSet<string> NotRead)> _options = new(Probe);

    /// <summary>Every name a profile may set: the options the loader reads and the profile-level names.</summary>
    public static IEnumerable<string> Valid => _options.Value.Read.Concat(ProfileLevel);

    /// <summary>DacDeployOptions properties that DacProfile does not read from a profile (setting one has no effect).</summary>
    public static IReadOnlySet<string> NotReadByDacProfile => _options.Value.NotRead;

    public static bool IsValid(string name) => _options.Value.Read.Contains(name) || ProfileLevel.Contains(name, StringComparer.OrdinalIgnoreCase);

    private static (HashSet<string> Read, HashSet<string> NotRead) Probe()
    {
        var defaults = new DacDeployOptions();
        var properties = typeof(DacDeployOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0)
            .ToList();
        var xml = new StringBuilder("<Project xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\"><PropertyGroup>");
        foreach (var property in properties)
        {
            if (ProbeValue(property, property.GetValue(defaults)) is { } value)
            {
                xml.Append(CultureInvariant($"<{property.Name}>{SecurityElement.Escape(value)}</{property.Name}>"));
            }
        }

        xml.Append("</PropertyGroup></Project>");
        var loaded = Load(xml.ToString());
        var read = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var notRead = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in properties)
        {
            (Same(property.GetValue(defaults), property.GetValue(loaded)) ? notRead : read).Add(property.Name);
        }

        var types = Enum.GetNames<ObjectType>();
        var switches = Load("<Project xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\"><PropertyGroup>"
            + string.Concat(types.Select(t => $"<DoNotDrop{t}>True</DoNotDrop{t}><Exclude{t}>True</Exclude{t}>")) + "</PropertyGroup></Project>");
        foreach (var (prefix, set) in new[] { ("DoNotDrop", switches.DoNotDropObjectTypes), ("Exclude", switches.ExcludeObjectTypes) })
        {
            var applied = (set ?? []).Select(t => t.ToString()).ToHashSet(StringComparer.Ordinal);
            foreach (var type in types)
            {
                (applied.Contains(type) ? read : notRead).Add(prefix + type);
            }
        }

        return (read, notRead);
    }

    private static DacDeployOptions Load(string xml)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        return DacProfile.Load(stream).DeployOptions;
    }

    private static string? ProbeValue(PropertyInfo property, object? defaultValue) => property.PropertyType switch
    {
        var t when t == typeof(bool) => (!(bool)defaultValue!).ToString(),
        var t when t == typeof(int) => ((int)defaultValue! + 7).ToString(System.Globalization.CultureInfo.InvariantCulture),
        var t when t == typeof(string) => "probe",
        var t when t.IsEnum => Enum.GetNames(t).FirstOrDefault(n => !Equals(Enum.Parse(t, n), defaultValue)),
        var t when t == typeof(ObjectType[]) => nameof(ObjectType.Aggregates),
        _ => null,
    };

    private static bool Same(object? a, object? b) => (a, b) switch
    {
        (Array x, Array y) => x.Cast<object>().SequenceEqual(y.Cast<object>()),
        (null, Array y) => y.Length == 0,
        (Array x, null) => x.Length == 0,
        _ => Equals(a, b),
    };

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
