namespace Foundation.Deploy.Profiles;

/// <summary>
/// The SQLCMD variable values for one deployment, layered like SqlPackage does it: the project's declared defaults,
/// then the publish profile, then <c>--variable Name=Value</c> options, then the values the tool itself owns
/// (release version, checksum, deployment id, ...) which a user cannot override by accident.
/// </summary>
public sealed class SqlCmdVariables
{
    /// <summary>The variables Deploy's pre/post-deployment scripts read. Declared in Foundation.Database.sqlproj.</summary>
    public static class Names
    {
        public const string ReleaseVersion = "ReleaseVersion";
        public const string DacpacChecksum = "DacpacChecksum";
        public const string DeploymentId = "DeploymentId";
        public const string DeploymentDirection = "DeploymentDirection";
        public const string ToolVersion = "ToolVersion";
        public const string ReportHash = "ReportHash";
        public const string DeploymentLockHeld = "DeploymentLockHeld";
        public const string ExpectedCurrentVersion = "ExpectedCurrentVersion";
    }

    /// <summary>The source label of the dacpac's declared values (DacFx stores every declared variable with an empty value).</summary>
    public const string DeclaredSource = "declared";

    /// <summary>The variables the tool itself sets on every publish and rollback (a profile or -v need not).</summary>
    public static readonly IReadOnlySet<string> ToolOwned = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        Names.ReleaseVersion, Names.DacpacChecksum, Names.DeploymentId, Names.DeploymentDirection, Names.ToolVersion,
        Names.ReportHash, Names.DeploymentLockHeld, Names.ExpectedCurrentVersion,
    };

    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _sources = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>Where each value came from (declared, profile, command line, tool), for the report.</summary>
    public IReadOnlyDictionary<string, string> Sources => _sources;

    public SqlCmdVariables Set(IEnumerable<KeyValuePair<string, string>> values, string source)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (name, value) in values)
        {
            _values[name] = value;
            _sources[name] = source;
        }

        return this;
    }

    public SqlCmdVariables Set(string name, string value, string source) => Set([new KeyValuePair<string, string>(name, value)], source);

    /// <summary>Parses repeated <c>Name=Value</c> options; a malformed one is an error naming it.</summary>
    public static IReadOnlyDictionary<string, string> ParseAssignments(IEnumerable<string> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var assignment in assignments)
        {
            var index = assignment.IndexOf('=', StringComparison.Ordinal);
            var name = index > 0 ? assignment[..index].Trim() : string.Empty;
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw DeployToolException.InvalidInput($"The SQLCMD variable option '{assignment}' is not 'Name=Value' with a name of letters, digits and '_'.");
            }

            if (!result.TryAdd(name, assignment[(index + 1)..]))
            {
                throw DeployToolException.InvalidInput($"The SQLCMD variable '{name}' is given twice on the command line.");
            }
        }

        return result;
    }

    /// <summary>
    /// Fails naming every declared variable that nobody set: only the dacpac's own (always empty) declared value is
    /// there, not one from the profile, the command line or the tool. DacFx would deploy an empty string instead.
    /// </summary>
    public void EnsureDeclaredHaveValues(IEnumerable<string> declared, string dacpacPath)
    {
        ArgumentNullException.ThrowIfNull(declared);
        var missing = declared
            .Where(name => !_sources.TryGetValue(name, out var source) || source == DeclaredSource)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (missing.Count > 0)
        {
            throw DeployToolException.InvalidInput($"The dacpac '{dacpacPath}' declares SQLCMD variable(s) that nobody set: {string.Join(", ", missing)}. Set them in the profile (<SqlCmdVariable Include=\"Name\"><Value>...</Value></SqlCmdVariable>) or with -v Name=Value.");
        }
    }

    /// <summary>
    /// Fails naming every variable in <paramref name="given"/> that the dacpac does not declare (a typo would otherwise
    /// be passed to DacFx and ignored), with the declared names and the closest one.
    /// </summary>
    public static void EnsureDeclared(IEnumerable<string> given, IReadOnlyDictionary<string, string> declared, string source, string dacpacPath)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(declared);
        // SQLCMD variable names are compared case-insensitively, as sqlcmd and DacFx do.
        var unknown = given.Where(name => !declared.Keys.Contains(name, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        var hints = string.Concat(unknown.Select(name => NameSuggestion.Hint(name, declared.Keys)));
        var list = declared.Count == 0 ? "it declares none" : "it declares " + string.Join(", ", declared.Keys.Order(StringComparer.Ordinal));
        throw DeployToolException.InvalidInput($"SQLCMD variable(s) {string.Join(", ", unknown)} ({source}) are not declared by the dacpac '{dacpacPath}': {list}.{hints}");
    }

    /// <summary>Declared variables that a publish would leave unset: not tool-owned, not in the profile, not on the command line.</summary>
    public static IReadOnlyList<string> FindUnset(IEnumerable<string> declared, IEnumerable<string> profile, IEnumerable<string> commandLine)
    {
        var set = new HashSet<string>(profile.Concat(commandLine).Concat(ToolOwned), StringComparer.OrdinalIgnoreCase);
        return declared.Where(name => !set.Contains(name)).Order(StringComparer.Ordinal).ToList();
    }
}
