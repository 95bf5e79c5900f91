namespace Foundation.Bench;

/// <summary>
/// A generated database schema: its files (path relative to the project folder, text) and what it claims to hold,
/// so tests and the plan benchmark can check it without parsing it again.
/// </summary>
public sealed record SyntheticSchema(
    int TableCount,
    int Version,
    PolicyLayout Layout,
    IReadOnlyList<KeyValuePair<string, string>> Files,
    IReadOnlyList<string> TenantTables,
    IReadOnlyList<string> ChangedTables,
    IReadOnlyList<string> PolicyNames,
    string PredicateName)
{
    /// <summary>Writes every file under <paramref name="projectDirectory"/>, creating folders as needed.</summary>
    public void WriteTo(string projectDirectory)
    {
        foreach (var (relativePath, text) in Files)
        {
            var path = Path.Combine(projectDirectory, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
    }
}
