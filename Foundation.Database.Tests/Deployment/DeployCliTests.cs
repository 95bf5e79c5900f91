using Foundation.Database.Tests.Deployment.Cli;
using Foundation.Database.Tests.Infrastructure;
using Foundation.Deploy;
using Foundation.Deploy.Connections;

namespace Foundation.Database.Tests.Deployment;

/// <summary>
/// The command line as a user meets it: the report is printed before any file is written, every long step says what
/// it is doing (on the progress stream), and a target that cannot be reached fails with exit 4, naming the server and
/// the timeout, with nothing written. The bad-input matrix is <see cref="DeployCliMatrixTests"/>.
/// </summary>
public sealed class DeployCliTests(CliFixtures fixtures) : IDisposable
{
    // Nothing listens on port 1 of this machine: a connection is refused at once.
    private const string UnreachableServer = "Server=127.0.0.1,1;Encrypt=True;TrustServerCertificate=True;User ID=sa;Password=not-a-secret;Connect Timeout=5;ConnectRetryCount=0";

    private readonly CliRun _run = new();

    [Fact]
    public async Task Plan_PrintsTheReportForCurrentVersusTheLatestBaseline_AndReportsAnUnusedAllowance()
    {
        var exit = await _run.RunAsync("plan", "--source", RepositoryPaths.Dacpac, "--baseline", "latest", "--out", _run.Out, "--allow-data-loss", "[Identity].[Users].[LegacyCode]");

        Assert.Equal(ExitCode.ReviewRequired, exit);
        Assert.StartsWith("# Deployment report: Foundation.Database ", _run.Console.Output, StringComparison.Ordinal);
        Assert.Contains("| Profile | `Local` |", _run.Console.Output, StringComparison.Ordinal);
        Assert.Contains("## Unused allowances (1)", _run.Console.Output, StringComparison.Ordinal);
        Assert.Contains("- data loss on `[Identity].[Users].[LegacyCode]`: command line (--allow-data-loss)", _run.Console.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_run.Out, "report.json")));
        Assert.Equal(_run.Console.Output.TrimEnd(), File.ReadAllText(Path.Combine(_run.Out, "report.md")).TrimEnd());
        Assert.Contains("Loading and validating the model of Foundation.Database.dacpac", _run.Console.Progress, StringComparison.Ordinal);
        Assert.Contains("Comparing release ", _run.Console.Progress, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_OfAChange_DrawsTheChangedTables_AndDescribesTheNotNullColumn()
    {
        var exit = await _run.RunAsync("plan", "--source", fixtures.AddNotNullWithoutDefault, "--target-dacpac", fixtures.Base, "--allow-other-database", "--out", _run.Out);

        Assert.Equal(ExitCode.ReviewRequired, exit);
        var report = File.ReadAllText(Path.Combine(_run.Out, "report.md"));
        Assert.Contains("## Tables this deployment changes (1)", report, StringComparison.Ordinal);
        Assert.Contains("```mermaid\nerDiagram\n    App_Items {", report, StringComparison.Ordinal);
        Assert.Contains("Priority without a default", report, StringComparison.Ordinal);
        Assert.Contains("| `[App].[Items].[Priority]` | **no** |", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_PrintsTheReportFirst_WhenTheOutputFolderCannotBeWritten()
    {
        // /proc accepts no new folder, not even from root (the tests may run as root, where permissions stop nothing).
        Assert.SkipUnless(OperatingSystem.IsLinux() && Directory.Exists("/proc/self"), "needs Linux's /proc for a folder that cannot be created");
        var output = "/proc/foundation-deploy-test/out";

        var exit = await _run.RunAsync("plan", "--source", fixtures.DropColumn, "--target-dacpac", fixtures.Base, "--allow-other-database", "--out", output);

        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.StartsWith("# Deployment report: Fixture 1.0.0", _run.Console.Output, StringComparison.Ordinal);
        Assert.StartsWith($"The output folder '{output}' cannot be created", _run.Console.FirstError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_FailsWithConnectionFailed_WhenTheServerIsUnreachable_AfterCheckingTheDacpac()
    {
        var exit = await _run.RunAsync("publish", "--dacpac", RepositoryPaths.Dacpac, "--connection", UnreachableServer, "--database", "Foundation", "--out", _run.Out);

        Assert.Equal(ExitCode.ConnectionFailed, exit);
        Assert.Contains("127.0.0.1,1", _run.Console.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-secret", _run.Console.Errors + _run.Console.Output + _run.Console.Progress, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_run.Out), "no report is written when the target cannot be read");
        Assert.Contains("Loading and validating the model", _run.Console.Progress, StringComparison.Ordinal);
        // The deployment lock's connection is the first one a publish opens (nothing before the lock), and a deployment
        // connection is never retried.
        Assert.Contains("Connecting to '127.0.0.1,1' (timeout 5 s)...", _run.Console.Progress, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_IsRefusedByPolicy_WhenARemoteServerTrustsAnyCertificate()
    {
        var exit = await _run.RunAsync("publish", "--dacpac", RepositoryPaths.Dacpac, "--connection", "Server=sql.example.com;Encrypt=True;TrustServerCertificate=True", "--database", "Foundation");

        Assert.Equal(ExitCode.ConnectionFailed, exit);
        Assert.StartsWith("Connection refused by policy (--connection)", _run.Console.FirstError, StringComparison.Ordinal);
    }

    [Fact]
    public void Target_NamesTheProfile_WhenItsConnectionBreaksThePolicy()
    {
        // The environment variable's case runs as a child process (DeployCliProcessTests): other tests read it.
        Assert.SkipWhen(Environment.GetEnvironmentVariable(DeploymentTarget.ConnectionEnvironmentVariable) is not null, $"{DeploymentTarget.ConnectionEnvironmentVariable} is set and takes precedence over the profile");
        var ex = Assert.Throws<DeployToolException>(() => DeploymentTarget.Resolve(null, "Foundation", "Server=db.example.com;Encrypt=False", null, "profile 'Local'"));

        Assert.Equal(ExitCode.ConnectionFailed, ex.ExitCode);
        Assert.StartsWith("Connection refused by policy (the TargetConnectionString of profile 'Local')", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_FailsWithConnectionFailed_WhenTheServerIsUnreachable()
    {
        var exit = await _run.RunAsync("rollback", "--connection", UnreachableServer, "--database", "Foundation");

        Assert.Equal(ExitCode.ConnectionFailed, exit);
    }

    [Theory]
    [InlineData("history")]
    [InlineData("verify")]
    [InlineData("drift")]
    public async Task InspectionVerbs_FailWithConnectionFailed_SayingWhereAndHowLongTheyTried(string verb)
    {
        var exit = await _run.RunAsync(verb, "--connection", UnreachableServer, "--database", "Foundation");

        Assert.Equal(ExitCode.ConnectionFailed, exit);
        Assert.Contains("127.0.0.1,1", _run.Console.FirstError, StringComparison.Ordinal);
        Assert.Contains("Connecting to '127.0.0.1,1'", _run.Console.Progress, StringComparison.Ordinal);
        Assert.Contains("timeout 5 s, up to 3 tries on transient errors", _run.Console.Progress, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_FailsWithInvalidInput_WhenAnAllowanceHasNoReason()
    {
        var allowances = _run.Write("allow.json", """{ "dataLoss": [ { "object": "[Identity].[Users].[Email]" } ] }""");

        var exit = await _run.RunAsync("publish", "--dacpac", RepositoryPaths.Dacpac, "--allowances", allowances, "--connection", UnreachableServer, "--database", "Foundation");

        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("every exception must say why", _run.Console.FirstError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrations_FailsNamingTheFile_WhenAHeaderIsMalformed()
    {
        var directory = Directory.CreateDirectory(_run.Path("migrations")).FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "0001-x.up.sql"), "-- migration 0001-x\nSELECT 1;", TestContext.Current.CancellationToken);

        var exit = await _run.RunAsync("migrations", "--directory", directory, "--out", _run.Out);

        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("0001-x.up.sql(1): error FDM001", _run.Console.Errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_run.Out), "nothing is generated from an invalid graph");
    }

    public void Dispose() => _run.Dispose();
}
