using Foundation.Deploy.Connections;
using Foundation.Deploy.Dacpacs;
using Foundation.Deploy.Planning;
using Foundation.Deploy.Profiles;

namespace Foundation.Deploy.Cli;

/// <summary>
/// Turns the verbs' options into checked inputs before anything slow or remote happens: the dacpac (with a hint to run
/// <c>dotnet build</c> when the built one is missing; its model loaded and validated; another database's refused),
/// the profile, the allowances, the SQLCMD variables against what the dacpac declares, and the target.
/// </summary>
public sealed class InputResolver(string? repositoryRoot)
{
    public const string DefaultDacpacRelativePath = "Foundation.Database/bin/Debug/Foundation.Database.dacpac";
    public const string ProfilesRelativePath = "Foundation.Database/Profiles";
    public const string AllowancesFileName = "DeploymentAllowances.json";
    public const string DefaultProfile = "Local";

    public string ProfilesDirectory => repositoryRoot is null ? Directory.GetCurrentDirectory() : Path.Combine(repositoryRoot, ProfilesRelativePath);

    /// <summary>The given dacpac path, else the built one (which must exist: else the error says to build it).</summary>
    public string DacpacPath(string? given, string option)
    {
        if (given is not null)
        {
            return Path.GetFullPath(given);
        }

        if (repositoryRoot is null)
        {
            throw DeployToolException.InvalidInput($"{option}: no dacpac given, and no repository (Foundation.sln) above '{Directory.GetCurrentDirectory()}' to take the built one from. Pass {option} <path>.");
        }

        var built = Path.Combine(repositoryRoot, DefaultDacpacRelativePath);
        return File.Exists(built)
            ? built
            : throw DeployToolException.InvalidInput($"{option}: the built dacpac '{built}' does not exist yet: run 'dotnet build' in '{repositoryRoot}' first, or pass {option} <path>.");
    }

    /// <summary>
    /// Opens a dacpac (cheap: its parts, not its model) and refuses another database's unless allowed; with
    /// <paramref name="loadModel"/> also loads and validates its model (<see cref="LoadModel"/>).
    /// </summary>
    public static DacpacFile OpenDacpac(string path, string option, bool allowOtherDatabase, bool loadModel)
    {
        ToolProgress.Report($"Reading {option} {path}...");
        var dacpac = DacpacFile.Open(path).EnsureFoundation(allowOtherDatabase, option);
        if (loadModel)
        {
            try
            {
                LoadModel(dacpac);
            }
            catch
            {
                dacpac.Dispose();
                throw;
            }
        }

        return dacpac;
    }

    /// <summary>Loads and validates the model (about a second), so a damaged one fails here, before any connection.</summary>
    public static void LoadModel(DacpacFile dacpac)
    {
        ArgumentNullException.ThrowIfNull(dacpac);
        ToolProgress.Report($"Loading and validating the model of {Path.GetFileName(dacpac.Path)} (release {dacpac.ReleaseVersion})...");
        dacpac.LoadModel();
    }

    public PublishProfile Profile(string nameOrPath) => PublishProfileReader.Read(PublishProfileReader.Resolve(nameOrPath, ProfilesDirectory));

    /// <summary>The profile, or null (DacFx defaults) when it is the default one and there is none (outside the repository).</summary>
    public PublishProfile? ProfileOrDefaults(string nameOrPath) =>
        nameOrPath == DefaultProfile && !File.Exists(Path.Combine(ProfilesDirectory, DefaultProfile + ".publish.xml")) ? null : Profile(nameOrPath);

    /// <summary>The allowances file (given, else the repository's if it exists) plus the command-line allowances.</summary>
    public DeploymentAllowances Allowances(string? file, IReadOnlyList<string> dataLoss, IReadOnlyList<string> rebuilds)
    {
        ArgumentNullException.ThrowIfNull(dataLoss);
        ArgumentNullException.ThrowIfNull(rebuilds);
        var allowances = new DeploymentAllowances();
        var path = file ?? (repositoryRoot is null ? null : Path.Combine(repositoryRoot, ProfilesRelativePath, AllowancesFileName));
        if (path is not null && (file is not null || File.Exists(path)))
        {
            allowances.AddFile(Path.GetFullPath(path));
        }

        foreach (var item in dataLoss)
        {
            allowances.AllowDataLoss(item, "command line (--allow-data-loss)");
        }

        foreach (var item in rebuilds)
        {
            allowances.AllowRebuild(item, "command line (--allow-rebuild)");
        }

        return allowances;
    }

    public static DeploymentTarget Target(TargetOptions options, PublishProfile? profile)
    {
        ArgumentNullException.ThrowIfNull(options);
        return DeploymentTarget.Resolve(options.Connection, options.Database, profile?.TargetConnectionString, profile?.TargetDatabaseName,
            profile is null ? null : $"profile '{profile.Name}' ({profile.Path})");
    }

    /// <summary>
    /// Refuses SQLCMD variables the dacpac does not declare (from the command line always; from the profile when the
    /// dacpac is Foundation's and the direction is Deploy: an older release being rolled back to may not know a variable
    /// the current profile sets, and another database's dacpac, allowed on purpose, was never meant for these profiles)
    /// and, when <paramref name="requireAll"/> (a deployment), declared variables nobody sets.
    /// </summary>
    public static void CheckVariables(DacpacFile dacpac, PublishProfile? profile, IReadOnlyDictionary<string, string> commandLine, DeploymentDirection direction, bool requireAll)
    {
        ArgumentNullException.ThrowIfNull(dacpac);
        ArgumentNullException.ThrowIfNull(commandLine);
        SqlCmdVariables.EnsureDeclared(commandLine.Keys, dacpac.DeclaredVariables, "-v/--variable", dacpac.Path);
        if (profile is not null && direction == DeploymentDirection.Deploy && dacpac.IsFoundation)
        {
            SqlCmdVariables.EnsureDeclared(profile.SqlCmdVariables.Keys, dacpac.DeclaredVariables, $"profile '{profile.Path}'", dacpac.Path);
        }

        if (requireAll)
        {
            var unset = SqlCmdVariables.FindUnset(dacpac.DeclaredVariables.Keys, profile?.SqlCmdVariables.Keys ?? [], commandLine.Keys);
            if (unset.Count > 0)
            {
                throw DeployToolException.InvalidInput(
                    $"The dacpac '{dacpac.Path}' declares SQLCMD variable(s) that nobody sets: {string.Join(", ", unset)}. Set them in the profile{(profile is null ? string.Empty : $" '{profile.Path}'")} (<SqlCmdVariable Include=\"Name\"><Value>...</Value></SqlCmdVariable>) or with -v Name=Value.");
            }
        }
    }
}
