using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// Where Foundation's tSQLt suite lives: one folder per test class under <c>Foundation.Database.Tests/tSQLt/</c>,
/// holding <c>&lt;Class&gt;.sql</c> (the schema, marked as a test class) and one file per test procedure,
/// the <c>TestSupport</c> folder of shared procedures,
/// and <c>Install.sql</c>, the sqlcmd manifest that DBAs and the harness both run to deploy the classes.
/// </summary>
public static class TSqltSuite
{
    /// <summary>The sqlcmd variable that the manifest's includes start from.</summary>
    public const string RootVariable = "TestRoot";

    /// <summary>The folder and schema of the procedures the classes share; not a test class, installed first.</summary>
    public const string SupportSchema = "TestSupport";

    public static string Directory => Path.Combine(RepositoryPaths.Root, "Foundation.Database.Tests", "tSQLt");

    public static string Manifest => Path.Combine(Directory, "Install.sql");

    /// <summary>Every test class file and test procedure file of the suite, ordered by class, class file first.</summary>
    public static IReadOnlyList<string> Files => FilesUnder(Directory);

    /// <summary>
    /// The .sql files in the folders below <paramref name="root"/>: the support folder first, then the class folders,
    /// the file named after its folder first within each.
    /// </summary>
    public static IReadOnlyList<string> FilesUnder(string root) =>
        System.IO.Directory.EnumerateDirectories(root)
            .Where(folder => Path.GetFileName(folder) is not ("bin" or "obj"))
            .OrderBy(folder => Path.GetFileName(folder) == SupportSchema ? 0 : 1)
            .ThenBy(folder => folder, StringComparer.Ordinal)
            .SelectMany(folder => System.IO.Directory.EnumerateFiles(folder, "*.sql", SearchOption.TopDirectoryOnly)
                .OrderBy(file => Path.GetFileNameWithoutExtension(file) == Path.GetFileName(folder) ? 0 : 1)
                .ThenBy(file => file, StringComparer.Ordinal))
            .ToList();

    /// <summary>The manifest's variables when the harness runs it.</summary>
    public static IReadOnlyDictionary<string, string> ManifestVariables =>
        new Dictionary<string, string> { [RootVariable] = Directory };
}
