using System.CommandLine;
using System.CommandLine.Parsing;
using Foundation.Deploy.Dacpacs;
using Foundation.Deploy.Profiles;
using Microsoft.Data.SqlClient;

namespace Foundation.Deploy.Cli;

/// <summary>
/// Options with their validation attached (System.CommandLine validators run while parsing, before any verb starts):
/// empty values, files that are folders or missing, folders that are files or cannot be created, lengths, ranges and
/// formats. Every message starts with the option's name, so the first error line says what to fix.
/// </summary>
public static class CliOptions
{
    /// <summary>An existing file (e.g. a dacpac, an allowances file).</summary>
    public static Option<string?> ExistingFile(string name, string description, string kind = "file")
    {
        var option = new Option<string?>(name) { Description = description, HelpName = "path" };
        option.Validators.Add(result => Check(result, PathChecks.FileProblem(Value<string?>(result), kind)));
        return option;
    }

    /// <summary>A folder to write into: it may not exist yet, but nothing in its way may be a file.</summary>
    public static Option<string?> OutputFolder(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = "folder" };
        option.Validators.Add(result => Check(result, PathChecks.OutputProblem(Value<string?>(result), isFolder: true)));
        return option;
    }

    /// <summary>A file to write: it may not exist yet; it may not be a folder, and no parent may be a file.</summary>
    public static Option<string?> OutputFile(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = "file" };
        option.Validators.Add(result => Check(result, PathChecks.OutputProblem(Value<string?>(result), isFolder: false)));
        return option;
    }

    /// <summary>Existing folders (repeatable).</summary>
    public static Option<string[]> ExistingFolders(string name, string description)
    {
        var option = new Option<string[]>(name) { Description = description, HelpName = "folder", AllowMultipleArgumentsPerToken = false };
        option.Validators.Add(result =>
        {
            foreach (var value in Value<string[]>(result) ?? [])
            {
                Check(result, PathChecks.FolderProblem(value));
            }
        });
        return option;
    }

    /// <summary>An existing folder.</summary>
    public static Option<string> ExistingFolder(string name, string description)
    {
        var option = new Option<string>(name) { Description = description, HelpName = "folder" };
        option.Validators.Add(result => Check(result, PathChecks.FolderProblem(Value<string>(result))));
        return option;
    }

    /// <summary>Non-empty text of at most <paramref name="maxLength"/> characters, with an optional format check.</summary>
    public static Option<string?> Text(string name, string description, int maxLength, Func<string, string?>? format = null, string helpName = "value")
    {
        var option = new Option<string?>(name) { Description = description, HelpName = helpName };
        option.Validators.Add(result =>
        {
            var value = Value<string?>(result);
            Check(result, value is null ? null
                : string.IsNullOrWhiteSpace(value) ? "the value is empty."
                : value.Length > maxLength ? $"the value is {value.Length} characters long; at most {maxLength} are allowed."
                : format?.Invoke(value));
        });
        return option;
    }

    /// <summary>The publish profile: a name (looked up in Foundation.Database/Profiles) or the path of a *.publish.xml file.</summary>
    public static Option<string> Profile()
    {
        var option = new Option<string>("--profile")
        {
            Description = "Publish profile: a name (Foundation.Database/Profiles/<name>.publish.xml) or the path of a .publish.xml file.",
            DefaultValueFactory = _ => "Local",
            HelpName = "name|path",
        };
        option.Validators.Add(result =>
        {
            var value = Value<string>(result);
            var isPath = value is not null && (value.Contains('/', StringComparison.Ordinal) || value.Contains('\\', StringComparison.Ordinal) || value.EndsWith(".xml", StringComparison.OrdinalIgnoreCase));
            Check(result, string.IsNullOrWhiteSpace(value) ? "the value is empty; give a profile name (e.g. Local) or a path."
                : isPath && Directory.Exists(value) ? $"'{Path.GetFullPath(value)}' is a folder; give a profile name or the path of a .publish.xml file."
                : isPath ? PathChecks.FileProblem(value, "publish profile")
                : null);
        });
        return option;
    }

    /// <summary>A connection string that SqlClient can parse (its policy is checked later, with its source named).</summary>
    public static Option<string?> Connection() => Text(
        "--connection",
        $"Server connection string (else {Connections.DeploymentTarget.ConnectionEnvironmentVariable}, else the profile's TargetConnectionString). Must be encrypted; TrustServerCertificate=True only for localhost.",
        4000,
        value =>
        {
            try
            {
                _ = new SqlConnectionStringBuilder(value);
                return null;
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
            {
                // SqlClient names the keyword or position, never a value: no password is echoed.
                return $"not a valid connection string: {ex.Message}";
            }
        },
        "connection-string");

    public static Option<string?> Database() => Text("--database", "Target database (else the profile's TargetDatabaseName).", 128, helpName: "name");

    /// <summary>SQLCMD variables, each Name=Value.</summary>
    public static Option<string[]> Variables()
    {
        var option = new Option<string[]>("--variable", "-v") { Description = "SQLCMD variable Name=Value (repeatable); the name must be one the dacpac declares.", AllowMultipleArgumentsPerToken = false, HelpName = "Name=Value" };
        option.Validators.Add(result =>
        {
            try
            {
                SqlCmdVariables.ParseAssignments(Value<string[]>(result) ?? []);
            }
            catch (DeployToolException ex)
            {
                result.AddError($"{result.IdentifierToken?.Value ?? "--variable"}: {ex.Message}");
            }
        });
        return option;
    }

    /// <summary>Object names to allow (repeatable), of <paramref name="minParts"/> to <paramref name="maxParts"/> bracketed or dotted parts.</summary>
    public static Option<string[]> ObjectNames(string name, string description, int minParts, int maxParts)
    {
        var option = new Option<string[]>(name) { Description = description, AllowMultipleArgumentsPerToken = false, HelpName = "object" };
        option.Validators.Add(result =>
        {
            foreach (var value in Value<string[]>(result) ?? [])
            {
                var parts = string.IsNullOrWhiteSpace(value) ? [] : Planning.ObjectNames.Parts(value.Trim());
                if (parts.Count < minParts || parts.Count > maxParts || parts.Any(string.IsNullOrWhiteSpace))
                {
                    result.AddError($"{name}: '{value}' does not name one object; expected {(maxParts == 2 ? "[Schema].[Table]" : "[Schema].[Table] or [Schema].[Table].[Column]")}.");
                }
            }
        });
        return option;
    }

    public static Option<int> Top()
    {
        var option = new Option<int>("--top") { Description = "How many entries (1 to 10000).", DefaultValueFactory = _ => 20, HelpName = "n" };
        option.Validators.Add(result => Check(result, result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, out var top) && top is < 1 or > 10_000
            ? $"{top} is out of range: give 1 to 10000."
            : null));
        return option;
    }

    /// <summary>A release version to look a dacpac up by (semantic, or a numeric build number).</summary>
    public static string? LookupVersionProblem(string value) =>
        ReleaseVersion.IsLookup(value) ? null : $"'{value}' is not a release version (expected e.g. {ReleaseVersion.Example}).";

    public static string? SemanticVersionProblem(string value) =>
        ReleaseVersion.IsSemantic(value) ? null : $"'{value}' is not a semantic version (expected e.g. {ReleaseVersion.Example}).";

    public static string? ReportHashProblem(string value) =>
        value.Length == 64 && value.All(char.IsAsciiHexDigit) ? null : $"'{value}' is not a report hash (64 hexadecimal characters, as in report.json's \"hash\").";

    /// <summary>Text recorded in Deploy.SchemaHistory.ReleaseVersion: printable, no path characters.</summary>
    public static string? RecordedVersionProblem(string value) =>
        value.Any(c => char.IsControl(c) || c is '/' or '\\') ? $"'{value}' contains a control character or a path separator." : null;

    /// <summary>The option's value; default when it did not convert (System.CommandLine has reported that error already).</summary>
    private static T? Value<T>(OptionResult result)
    {
        try
        {
            return result.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }

    private static void Check(OptionResult result, string? problem)
    {
        if (problem is not null)
        {
            result.AddError($"{result.IdentifierToken?.Value ?? result.Option.Name}: {problem}");
        }
    }
}
