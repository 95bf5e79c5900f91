namespace Foundation.Database.Tests.Infrastructure;

/// <summary>Locates the repository and the artifacts the tests read, from the test assembly's folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> _root = new(FindRoot);

    /// <summary>The folder that holds Foundation.sln.</summary>
    public static string Root => _root.Value;

    public static string DatabaseProjectDirectory => Path.Combine(Root, "Foundation.Database");

    public static string DatabaseProjectFile => Path.Combine(DatabaseProjectDirectory, "Foundation.Database.sqlproj");

    /// <summary>The dacpac the test project's build copied beside the tests.</summary>
    public static string Dacpac
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Foundation.Database.dacpac");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException(
                    $"The dacpac was not found at '{path}'. Build the test project (it references Foundation.Database.sqlproj).", path);
        }
    }

    private static string FindRoot() =>
        Foundation.Deploy.RepositoryRoot.Find(AppContext.BaseDirectory)
        ?? throw new DirectoryNotFoundException($"No {Foundation.Deploy.RepositoryRoot.SolutionFile} above '{AppContext.BaseDirectory}'.");
}
