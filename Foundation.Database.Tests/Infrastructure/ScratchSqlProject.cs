using System.IO.Compression;

namespace Foundation.Database.Tests.Infrastructure;

/// <summary>
/// A throwaway database project in the system temp folder, outside the repository, that builds with the repository's
/// Foundation.Build.Sql glue (imported by absolute path) and nothing else of the repository: an empty
/// Directory.Build.props shields it from any above it, and there is no Directory.Packages.props (the glue brings its
/// own DacFx version). Deleted on dispose.
/// </summary>
public sealed class ScratchSqlProject : IDisposable
{
    private static readonly string _sdk = Path.Combine(RepositoryPaths.Root, "tools", "Foundation.Build.Sql", "Sdk");

    /// <param name="name">The project (and dacpac) name.</param>
    /// <param name="projectBody">MSBuild XML placed between the glue's two imports.</param>
    /// <param name="root">The folder to create the project in (a new temp folder when null).</param>
    public ScratchSqlProject(string name = "Scratch", string projectBody = DefaultBody, string? root = null)
    {
        Name = name;
        Root = root ?? System.IO.Directory.CreateTempSubdirectory("foundation-glue-").FullName;
        Directory = Path.Combine(Root, name);
        System.IO.Directory.CreateDirectory(Directory);
        var buildProps = Path.Combine(Root, "Directory.Build.props");
        if (!File.Exists(buildProps))
        {
            File.WriteAllText(buildProps, "<Project />\n");
        }

        WriteProject(projectBody);
    }

    public const string DefaultBody = """
          <PropertyGroup>
            <TreatTSqlWarningsAsErrors>true</TreatTSqlWarningsAsErrors>
          </PropertyGroup>
        """;

    public string Name { get; }

    /// <summary>The temp folder that holds the project folder (and, for several projects, their neighbours).</summary>
    public string Root { get; }

    public string Directory { get; }

    public string ProjectFile => Path.Combine(Directory, Name + ".sqlproj");

    public string Dacpac => Path.Combine(Directory, "bin", "Debug", Name + ".dacpac");

    /// <summary>Rewrites the project file: the glue's Sdk.props, <paramref name="body"/>, the glue's Sdk.targets.</summary>
    public void WriteProject(string body) =>
        File.WriteAllText(ProjectFile, $"""
            <Project DefaultTargets="Build">
              <Import Project="{Path.Combine(_sdk, "Sdk.props")}" />
            {body}
              <Import Project="{Path.Combine(_sdk, "Sdk.targets")}" />
            </Project>

            """);

    public string AddFile(string relativePath, string text)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string PathOf(string relativePath) => Path.Combine(Directory, relativePath);

    /// <summary>
    /// Runs <c>dotnet build</c> on the project (normal verbosity, so that skipped targets are reported; no node reuse).
    /// <c>--no-dependencies</c>: referenced projects are not built (and the repository's are never written to).
    /// </summary>
    public Task<BuildResult> BuildAsync(CancellationToken cancellationToken, params string[] arguments) =>
        RunAsync("build", cancellationToken, ["--no-dependencies", .. arguments]);

    /// <summary>Runs <c>dotnet &lt;verb&gt;</c> on the project (publish, pack, msbuild, ...).</summary>
    public Task<BuildResult> RunAsync(string verb, CancellationToken cancellationToken, params string[] arguments) =>
        DotnetCommand.RunAsync(Directory, [verb, ProjectFile, "-nodeReuse:false", "-v:n", .. arguments], cancellationToken);

    /// <summary>One entry of the built dacpac (model.xml, DacMetadata.xml, predeploy.sql, postdeploy.sql), or null when either is absent.</summary>
    public string? ReadDacpacEntry(string entryName) => ReadEntry(Dacpac, entryName);

    public static string? ReadEntry(string dacpac, string entryName)
    {
        if (!File.Exists(dacpac))
        {
            return null;
        }

        using var archive = ZipFile.OpenRead(dacpac);
        var entry = archive.GetEntry(entryName);
        if (entry is null)
        {
            return null;
        }

        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; a failing dispose would hide the test's own result.
        }
    }
}
