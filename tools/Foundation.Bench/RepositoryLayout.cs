namespace Foundation.Bench;

/// <summary>Where the repository's pieces are, found from a folder inside it (the working directory or the bench's own folder).</summary>
public sealed record RepositoryLayout(string Root)
{
    public string DatabaseProjectDirectory => Path.Combine(Root, "Foundation.Database");

    public string SdkDirectory => Path.Combine(Root, "tools", "Foundation.Build.Sql", "Sdk");

    public string PackagesProps => Path.Combine(Root, "Directory.Packages.props");

    public string BuildProps => Path.Combine(Root, "Directory.Build.props");

    public string GlobalJson => Path.Combine(Root, "global.json");

    public string BaselinesDirectory => Path.Combine(Root, "Foundation.Database.Tests", "Fixtures", "Baselines");

    public static RepositoryLayout Find(params string[] startFolders)
    {
        var root = startFolders.Select(Foundation.Deploy.RepositoryRoot.Find).FirstOrDefault(found => found is not null)
            ?? throw new DirectoryNotFoundException($"No {Foundation.Deploy.RepositoryRoot.SolutionFile} above '{string.Join("' or '", startFolders)}'.");
        return new RepositoryLayout(root);
    }
}
