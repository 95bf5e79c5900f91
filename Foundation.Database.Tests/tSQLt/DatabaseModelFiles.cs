using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// The files that make up Foundation's schema model: the set Foundation.Database.sqlproj builds,
/// every *.sql below the project folder except the imperative Scripts/ and Migrations/ and the build output.
/// </summary>
public static class DatabaseModelFiles
{
    private static readonly string[] _excludedFolders = ["Scripts", "Migrations", "bin", "obj"];

    public static IReadOnlyList<string> All => Under(RepositoryPaths.DatabaseProjectDirectory);

    public static IReadOnlyList<string> Under(string projectDirectory) =>
        Directory.EnumerateFiles(projectDirectory, "*.sql", SearchOption.AllDirectories)
            .Where(file => !_excludedFolders.Contains(
                Path.GetRelativePath(projectDirectory, file).Split(Path.DirectorySeparatorChar)[0],
                StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
}
