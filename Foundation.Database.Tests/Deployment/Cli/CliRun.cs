using Foundation.Database.Tests.Deployment.Fixtures;
using Foundation.Database.Tests.Infrastructure;
using Foundation.Deploy;
using Foundation.Deploy.Cli;

namespace Foundation.Database.Tests.Deployment.Cli;

/// <summary>
/// One run of the tool in-process, as a user meets it: a recording console, a scratch folder for the files a case
/// needs, and a record of the files in that folder and in the repository's release folders before the run, so a test
/// can show that nothing was written outside the output folder.
/// </summary>
public sealed class CliRun : IDisposable
{
    /// <summary>Where the tool could write without being asked: the baselines, the migrations' lock, the deployment reports.</summary>
    private static readonly string[] _guardedRepositoryFolders =
    [
        System.IO.Path.Combine(RepositoryPaths.Root, "Foundation.Database.Tests", "Fixtures", "Baselines"),
        System.IO.Path.Combine(RepositoryPaths.Root, "Foundation.Database", "Migrations"),
        System.IO.Path.Combine(RepositoryPaths.Root, "artifacts", "deployments"),
    ];

    public CliRun()
    {
        Scratch = System.IO.Directory.CreateTempSubdirectory("foundation-cli-").FullName;
        Out = System.IO.Path.Combine(Scratch, "out");
    }

    public RecordingConsole Console { get; } = new();

    /// <summary>A folder of this run's own, deleted afterwards.</summary>
    public string Scratch { get; }

    /// <summary>The output folder a case may write into (<c>Scratch/out</c>); nothing else may change.</summary>
    public string Out { get; }

    public string Path(string name) => System.IO.Path.Combine(Scratch, name);

    public string Write(string name, string content)
    {
        var path = Path(name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Runs the tool and checks what every run must satisfy: no stack trace, nothing written outside <see cref="Out"/>.</summary>
    public async Task<ExitCode> RunAsync(params string[] args)
    {
        var before = Snapshot();
        var exit = (ExitCode)await DeployCli.RunAsync(args, Console, TestContext.Current.CancellationToken);
        AssertNoStackTrace(Console.Errors + "\n" + Console.Output);
        Assert.Equal(before, Snapshot());
        return exit;
    }

    public static void AssertNoStackTrace(string text)
    {
        Assert.DoesNotMatch(@"(?m)^\s+at \S+\(", text);
        Assert.DoesNotContain("Unexpected error", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", text, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Scratch, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>Every file under the scratch folder (except the output folder) and the guarded repository folders, with size and time.</summary>
    private string Snapshot() => string.Join('\n', new[] { Scratch }.Concat(_guardedRepositoryFolders)
        .Where(System.IO.Directory.Exists)
        .SelectMany(d => System.IO.Directory.EnumerateFileSystemEntries(d, "*", SearchOption.AllDirectories))
        .Where(p => !p.StartsWith(Out, StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .Select(p => File.Exists(p) ? $"{p} {new FileInfo(p).Length} {File.GetLastWriteTimeUtc(p):O}" : p));
}
