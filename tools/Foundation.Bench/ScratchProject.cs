namespace Foundation.Bench;

/// <summary>
/// A throwaway database project in a temporary folder, built with the repository's glue (absolute imports of
/// tools/Foundation.Build.Sql/Sdk) so that timing it never touches the work tree's bin/ and obj/:
/// <c>&lt;root&gt;/Directory.Build.props</c>, <c>global.json</c> and <c>&lt;root&gt;/&lt;Name&gt;/&lt;Name&gt;.sqlproj</c>; Foundation's
/// copy also gets the repository's <c>Directory.Packages.props</c> (a synthetic project needs none: the glue has its DacFx version).
/// </summary>
public sealed class ScratchProject
{
    private ScratchProject(string root, string name)
    {
        Root = root;
        Name = name;
    }

    public string Root { get; }

    public string Name { get; }

    public string ProjectDirectory => Path.Combine(Root, Name);

    public string ProjectFile => Path.Combine(ProjectDirectory, Name + ".sqlproj");

    public string Dacpac => Path.Combine(ProjectDirectory, "bin", "Debug", Name + ".dacpac");

    /// <summary>A project for a generated schema: an empty Directory.Build.props keeps the repository's C# settings out.</summary>
    public static ScratchProject ForSynthetic(RepositoryLayout repository, string root, string name, SyntheticSchema schema)
    {
        var project = Prepare(repository, root, name, "<Project />\n");
        schema.WriteTo(project.ProjectDirectory);
        File.WriteAllText(project.ProjectFile, $"""
            <Project DefaultTargets="Build">
              <Import Project="{Path.Combine(repository.SdkDirectory, "Sdk.props")}" />
              <PropertyGroup>
                <Name>{name}</Name>
                <TreatTSqlWarningsAsErrors>true</TreatTSqlWarningsAsErrors>
                <DacVersion>1.0.0.0</DacVersion>
              </PropertyGroup>
              <Import Project="{Path.Combine(repository.SdkDirectory, "Sdk.targets")}" />
            </Project>

            """);
        return project;
    }

    /// <summary>
    /// A copy of Foundation.Database (its files and .sqlproj, "../" paths made absolute) under the repository's own
    /// Directory.Build.props, so it evaluates exactly as the real one does.
    /// </summary>
    public static ScratchProject ForFoundation(RepositoryLayout repository, string root)
    {
        // The repository's Directory.Packages.props, its relative import (the glue's DacFx version) made absolute.
        var packagesProps = File.ReadAllText(repository.PackagesProps).Replace("Project=\"tools/", $"Project=\"{repository.Root}/tools/", StringComparison.Ordinal);
        var project = Prepare(repository, root, "Foundation.Database", File.ReadAllText(repository.BuildProps), packagesProps);
        var source = repository.DatabaseProjectDirectory;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var first = relative.Split(Path.DirectorySeparatorChar)[0];
            if (first is "bin" or "obj")
            {
                continue;
            }

            var target = Path.Combine(project.ProjectDirectory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        // Paths that climb out of the project (the glue, the deployment tool's build targets) point at the repository.
        var sqlproj = File.ReadAllText(project.ProjectFile)
            .Replace("\"../", "\"" + repository.Root + "/", StringComparison.Ordinal);
        File.WriteAllText(project.ProjectFile, sqlproj);
        return project;
    }

    /// <summary>
    /// Deletes the build output: bin/ and every folder under obj/ (obj/Debug, the generated obj/Migrations, ...),
    /// keeping the restore's files in obj/ itself (project.assets.json and the NuGet props), as the timed builds do not restore.
    /// </summary>
    public void DeleteBuildOutput()
    {
        DeleteIfExists(Path.Combine(ProjectDirectory, "bin"));
        var obj = Path.Combine(ProjectDirectory, "obj");
        if (Directory.Exists(obj))
        {
            foreach (var folder in Directory.EnumerateDirectories(obj))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>Changes one model file's text (a trailing comment), as an edit in the editor would.</summary>
    public void EditOneFile(int edit)
    {
        var file = RawDacFxBuilder.ModelFiles(ProjectDirectory)
            .FirstOrDefault(f => f.Contains($"{Path.DirectorySeparatorChar}Tables{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            ?? RawDacFxBuilder.ModelFiles(ProjectDirectory)[0];
        File.AppendAllText(file, $"\n-- benchmark edit {edit}\n");
    }

    private static ScratchProject Prepare(RepositoryLayout repository, string root, string name, string buildProps, string? packagesProps = null)
    {
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), buildProps);
        if (packagesProps is not null)
        {
            File.WriteAllText(Path.Combine(root, "Directory.Packages.props"), packagesProps);
        }

        if (File.Exists(repository.GlobalJson))
        {
            File.Copy(repository.GlobalJson, Path.Combine(root, "global.json"), overwrite: true);
        }

        var project = new ScratchProject(root, name);
        Directory.CreateDirectory(project.ProjectDirectory);
        return project;
    }

    private static void DeleteIfExists(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
