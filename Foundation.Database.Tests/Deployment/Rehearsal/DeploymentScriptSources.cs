using System.Text;
using System.Text.RegularExpressions;
using Foundation.Database.Tests.Infrastructure;
using Foundation.Deploy.Migrations;

namespace Foundation.Database.Tests.Deployment.Rehearsal;

/// <summary>
/// The project's pre- and post-deployment scripts as the SSDT build packs them into the dacpac (predeploy.sql,
/// postdeploy.sql): every <c>:r</c> include inlined, the included text followed by CR-LF in place of the directive
/// line, <c>GO</c> appended, variables left as <c>$(Name)</c>. The generated includes under <c>obj/Migrations</c> come
/// from <see cref="MigrationScriptGenerator"/> for the migration set given, so a variant can carry other migrations.
/// RehearsalModelTests proves the result equals the built dacpac's scripts byte for byte.
/// </summary>
public static partial class DeploymentScriptSources
{
    public static string ScriptsDirectory => Path.Combine(RepositoryPaths.DatabaseProjectDirectory, "Scripts");

    public static string MigrationsDirectory => Path.Combine(RepositoryPaths.DatabaseProjectDirectory, "Migrations");

    /// <summary>The repository's migrations in run order (irreversible marks from the lock file included).</summary>
    public static IReadOnlyList<Migration> RepositoryMigrations()
    {
        var graph = MigrationGraph.Load(MigrationsDirectory, Path.Combine(MigrationsDirectory, "migrations.lock.json"));
        return graph.IsValid ? graph.Order : throw new InvalidOperationException(string.Join('\n', graph.Errors));
    }

    /// <summary>(predeploy.sql, postdeploy.sql) for a migration set.</summary>
    public static (string Pre, string Post) Expand(IReadOnlyList<Migration> migrations)
    {
        var generated = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [MigrationScriptGenerator.PreDeploymentFileName] = MigrationScriptGenerator.GeneratePreDeployment(migrations),
            [MigrationScriptGenerator.PostDeploymentFileName] = MigrationScriptGenerator.GeneratePostDeployment(migrations),
        };
        return (
            Expand(Path.Combine(ScriptsDirectory, "Script.PreDeployment.sql"), generated) + "GO\n",
            Expand(Path.Combine(ScriptsDirectory, "Script.PostDeployment.sql"), generated) + "GO\n");
    }

    private static string Expand(string path, IReadOnlyDictionary<string, string> generated)
    {
        var text = File.ReadAllText(path).TrimStart('\uFEFF');
        var lines = text.Split('\n');
        var output = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                output.Append('\n');
            }

            var include = Include().Match(lines[i]);
            if (!include.Success)
            {
                output.Append(lines[i]);
                continue;
            }

            var relative = include.Groups["path"].Value.Replace('\\', '/');
            var fileName = Path.GetFileName(relative);
            var content = relative.Contains("obj/Migrations/", StringComparison.OrdinalIgnoreCase) && generated.TryGetValue(fileName, out var made)
                ? made
                : Expand(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, relative)), generated);
            output.Append(content).Append('\r');
        }

        return output.ToString();
    }

    [GeneratedRegex(@"^\s*:r\s+(?<path>\S+)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Include();
}
