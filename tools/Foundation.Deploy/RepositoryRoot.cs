namespace Foundation.Deploy;

/// <summary>Finds the repository from a folder inside it: the nearest folder upwards that holds Foundation.sln.</summary>
public static class RepositoryRoot
{
    public const string SolutionFile = "Foundation.sln";

    /// <summary>The repository folder above (or at) <paramref name="start"/>, or null outside a checkout.</summary>
    public static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
