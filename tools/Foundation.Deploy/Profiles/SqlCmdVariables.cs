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

    /// <summary>Fails naming every declared variable that still has no value (DacFx would refuse later, less clearly).</summary>
    public void EnsureDeclaredHaveValues(IEnumerable<string> declared, string dacpacPath)
    {
        var missing = declared.Where(name => !_values.ContainsKey(name)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw DeployToolException.InvalidInput($"The dacpac '{dacpacPath}' declares SQLCMD variable(s) with no value: {string.Join(", ", missing)}. Set them in the profile or with --variable Name=Value.");
        }
    }
}
