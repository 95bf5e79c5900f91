using System.Diagnostics;
using System.Text;

namespace Foundation.Database.Tests.Infrastructure;

/// <summary>
/// A throwaway database project in the system temp folder that builds with the repository's Foundation.Build.Sql glue
/// (imported by absolute path), with its own Directory.Build.props and a copy of Directory.Packages.props so that
/// nothing else from the repository applies. Deleted on dispose.
/// </summary>
public sealed class ScratchSqlProject : IDisposable
{
    private static readonly TimeSpan _buildTimeout = TimeSpan.FromMinutes(4);

    public ScratchSqlProject()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("foundation-glue-").FullName;
        var sdk = Path.Combine(RepositoryPaths.Root, "tools", "Foundation.Build.Sql", "Sdk");
        File.WriteAllText(Path.Combine(Directory, "Directory.Build.props"), "<Project />\n");
        File.Copy(Path.Combine(RepositoryPaths.Root, "Directory.Packages.props"), Path.Combine(Directory, "Directory.Packages.props"));
        File.WriteAllText(ProjectFile, $"""
            <Project DefaultTargets="Build">
              <Import Project="{Path.Combine(sdk, "Sdk.props")}" />
              <PropertyGroup>
                <Name>Scratch</Name>
                <TreatTSqlWarningsAsErrors>true</TreatTSqlWarningsAsErrors>
              </PropertyGroup>
              <Import Project="{Path.Combine(sdk, "Sdk.targets")}" />
            </Project>
            """);
    }

    public string Directory { get; }

    public string ProjectFile => Path.Combine(Directory, "Scratch.sqlproj");

    public string Dacpac => Path.Combine(Directory, "bin", "Debug", "Scratch.dacpac");

    public string AddFile(string relativePath, string sql)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, sql);
        return path;
    }

    /// <summary>
    /// Runs <c>dotnet build</c> on the project (normal verbosity, no node reuse). The glue's redist project is not rebuilt
    /// (<c>--no-dependencies</c>): the test project's own build has built it, and rebuilding it from parallel tests would
    /// race on its output folder.
    /// </summary>
    public async Task<BuildResult> BuildAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "build", ProjectFile, "-nodeReuse:false", "--no-dependencies", "-v:n" })
        {
            start.ArgumentList.Add(argument);
        }

        // The test host may run under `dotnet test`, which sets MSBuild variables a child build must not inherit.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_buildTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet build of {ProjectFile} did not finish within {_buildTimeout}.");
        }

        output.Append(await stdout).Append(await stderr);
        return new BuildResult(process.ExitCode, output.ToString());
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; a failing dispose would hide the test's own result.
        }
    }
}
