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
        foreach (var start in startFolders)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Foundation.sln")))
                {
                    return new RepositoryLayout(dir.FullName);
                }
            }
        }

        throw new DirectoryNotFoundException($"No Foundation.sln above '{string.Join("' or '", startFolders)}'.");
    }
}
