using System.Xml;
using System.Xml.Linq;
using Microsoft.Data.SqlClient;
using Microsoft.SqlServer.Dac;

namespace Foundation.Deploy.Profiles;

/// <summary>
/// Reads SqlPackage publish profiles (<c>*.publish.xml</c>) with DacFx's own loader (<see cref="DacProfile"/>), the
/// one SqlPackage uses, so the pipeline and this tool get the same deploy options; it adds clear errors, the SQLCMD
/// variables, and refusals of: a profile that carries a password (profiles are committed; secrets are not), a property
/// DacFx does not know (a typo such as <c>BlockOnPosibleDataLoss</c> would otherwise be ignored silently, leaving the
/// default in force), and a property DacFx's loader ignores (<see cref="DeployOptionNames"/>).
/// </summary>
public static class PublishProfileReader
{
    private static readonly XNamespace _msbuild = "http://schemas.microsoft.com/developer/msbuild/2003";

    /// <summary>
    /// Resolves <paramref name="nameOrPath"/>: a path to a file, or a profile name looked up as
    /// <c>&lt;name&gt;.publish.xml</c> in <paramref name="profilesDirectory"/>.
    /// </summary>
    public static string Resolve(string nameOrPath, string profilesDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        if (File.Exists(nameOrPath))
        {
            return Path.GetFullPath(nameOrPath);
        }

        var candidate = Path.Combine(profilesDirectory, nameOrPath.EndsWith(".publish.xml", StringComparison.OrdinalIgnoreCase) ? nameOrPath : nameOrPath + ".publish.xml");
        if (File.Exists(candidate))
        {
            return Path.GetFullPath(candidate);
        }

        var known = Directory.Exists(profilesDirectory)
            ? string.Join(", ", Directory.EnumerateFiles(profilesDirectory, "*.publish.xml").Select(f => Path.GetFileName(f)[..^".publish.xml".Length]).Order(StringComparer.Ordinal))
            : "(none)";
        throw DeployToolException.InvalidInput($"Unknown publish profile '{nameOrPath}': no such file, and no '{Path.GetFileName(candidate)}' in '{profilesDirectory}'. Known profiles: {known}.");
    }

    public static PublishProfile Read(string path)
    {
        if (!File.Exists(path))
        {
            throw DeployToolException.InvalidInput($"The publish profile '{path}' does not exist.");
        }

        XDocument document;
        try
        {
            document = XDocument.Load(path, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new DeployToolException(ExitCode.InvalidInput, $"The publish profile '{path}' is not well-formed XML (line {ex.LineNumber}): {ex.Message}", ex);
        }

        if (document.Root is not { } root || root.Name.LocalName != "Project")
        {
            throw DeployToolException.InvalidInput($"The publish profile '{path}' is not an MSBuild project: its root element must be <Project>.");
        }

        var ns = root.Name.Namespace == _msbuild ? _msbuild : XNamespace.None;
        RefuseUnknownProperties(path, root, ns);
        var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in root.Descendants(ns + "SqlCmdVariable"))
        {
            var variable = (string?)item.Attribute("Include");
            if (string.IsNullOrWhiteSpace(variable))
            {
                throw DeployToolException.InvalidInput($"The publish profile '{path}' has a <SqlCmdVariable> without an Include name (line {((IXmlLineInfo)item).LineNumber}).");
            }

            variables[variable] = item.Element(ns + "Value")?.Value ?? string.Empty;
        }

        var connectionString = root.Descendants(ns + "TargetConnectionString").FirstOrDefault()?.Value;
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            RefuseSecrets(path, connectionString);
        }

        DacProfile profile;
        try
        {
            profile = DacProfile.Load(path);
        }
        catch (DacServicesException ex) when (ex.Messages.Count > 0)
        {
            // DacFx's own text is "Could not read profile properties: {0}"; the reason is in Messages.
            var reasons = string.Join("; ", ex.Messages.Select(m => m.Message));
            throw new DeployToolException(ExitCode.InvalidInput, $"The publish profile '{path}' could not be read by DacFx: {reasons}", ex);
        }
        catch (Exception ex) when (ex is DacServicesException or InvalidOperationException or XmlException or ArgumentException or FormatException)
        {
            throw new DeployToolException(ExitCode.InvalidInput, $"The publish profile '{path}' could not be read by DacFx: {ex.Message}", ex);
        }

        var name = Path.GetFileName(path);
        name = name.EndsWith(".publish.xml", StringComparison.OrdinalIgnoreCase) ? name[..^".publish.xml".Length] : Path.GetFileNameWithoutExtension(name);
        return new PublishProfile(
            path,
            name,
            string.IsNullOrWhiteSpace(profile.TargetDatabaseName) ? null : profile.TargetDatabaseName,
            string.IsNullOrWhiteSpace(connectionString) ? null : connectionString,
            profile.DeployOptions,
            variables);
    }

    private static void RefuseUnknownProperties(string path, XElement root, XNamespace ns)
    {
        var problems = new List<string>();
        foreach (var property in root.Elements(ns + "PropertyGroup").Elements())
        {
            var name = property.Name.LocalName;
            var line = ((IXmlLineInfo)property).LineNumber;
            if (DeployOptionNames.IsValid(name))
            {
                continue;
            }

            problems.Add(DeployOptionNames.NotReadByDacProfile.Contains(name)
                ? $"{name} (line {line}) is a deploy option that DacFx's profile loader does not read: it would have no effect"
                : $"{name} (line {line}) is not a DacFx deploy option.{NameSuggestion.Hint(name, DeployOptionNames.Valid)}");
        }

        if (problems.Count > 0)
        {
            throw DeployToolException.InvalidInput(
                $"The publish profile '{path}' has {problems.Count} property(ies) DacFx would ignore: {string.Join("; ", problems)} "
                + "(deploy options: https://learn.microsoft.com/sql/tools/sqlpackage/sqlpackage-publish#properties-specific-to-the-publish-action).");
        }
    }

    private static void RefuseSecrets(string path, string connectionString)
    {
        SqlConnectionStringBuilder builder;
        try
        {
            builder = new SqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new DeployToolException(ExitCode.InvalidInput, $"The publish profile '{path}' has an invalid TargetConnectionString: {ex.Message}", ex);
        }

        if (!string.IsNullOrEmpty(builder.Password))
        {
            throw DeployToolException.InvalidInput($"The publish profile '{path}' contains a password in TargetConnectionString. Profiles are committed: pass credentials with --connection or the FOUNDATION_SQL_CONNECTION environment variable instead.");
        }
    }
}
