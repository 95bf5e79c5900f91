using System.Text.RegularExpressions;
using System.Xml.Linq;
using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.Build;

/// <summary>
/// The glue fingerprints every setting DacFx's build and code-analysis tasks receive (SqlBuildSettings.targets), so that a
/// property changed on the command line rebuilds. A DacFx upgrade that passes a new property must extend the list.
/// </summary>
public sealed partial class SqlBuildSettingsTests
{
    private static readonly string[] _tasks = ["SqlBuildTask", "SqlStaticCodeAnalysisTask"];

    [Fact]
    public void Fingerprint_CoversEveryPropertyTheDacFxTasksReceive()
    {
        var missing = PropertiesNotFingerprinted(File.ReadAllText(SqlTasksTargets()), File.ReadAllText(SettingsFile()));

        Assert.Empty(missing);
    }

    [Fact]
    public void PropertiesNotFingerprinted_NamesAPropertyLeftOut()
    {
        var settings = File.ReadAllText(SettingsFile()).Replace("DSP=$(DSP)", "", StringComparison.Ordinal);

        var missing = PropertiesNotFingerprinted(File.ReadAllText(SqlTasksTargets()), settings);

        Assert.Equal(["DSP"], missing);
    }

    /// <summary>Every $(Property) in the DacFx tasks' parameters that the settings text does not list as "Name=$(Name)".</summary>
    public static IReadOnlyList<string> PropertiesNotFingerprinted(string sqlTasksTargets, string settings)
    {
        var targets = XDocument.Parse(sqlTasksTargets);
        var passed = targets.Descendants()
            .Where(e => _tasks.Contains(e.Name.LocalName, StringComparer.Ordinal))
            .SelectMany(e => e.Attributes())
            .SelectMany(a => PropertyReference().Matches(a.Value).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        return passed.Where(name => !settings.Contains($"{name}=$({name})", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
    }

    private static string SettingsFile() => Path.Combine(RepositoryPaths.Root, "tools", "Foundation.Build.Sql", "Sdk", "SqlBuildSettings.targets");

    /// <summary>DacFx's SSDT targets in the NuGet package folder, for the glue's DacFx version.</summary>
    private static string SqlTasksTargets()
    {
        var props = XDocument.Load(Path.Combine(RepositoryPaths.Root, "tools", "Foundation.Build.Sql", "Sdk", "DacFx.props"));
        var version = props.Descendants("FoundationDacFxVersion").Single().Value;
        var framework = props.Descendants("FoundationDacFxFramework").Single().Value;
        return Path.Combine(NuGetPackageFolder.Root, "microsoft.sqlserver.dacfx", version, "lib", framework, "Microsoft.Data.Tools.Schema.SqlTasks.targets");
    }

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex PropertyReference();
}
