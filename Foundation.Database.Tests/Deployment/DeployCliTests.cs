using Foundation.Database.Tests.Deployment.Fixtures;
using Foundation.Database.Tests.Infrastructure;
using Foundation.Deploy;
using Foundation.Deploy.Cli;

namespace Foundation.Database.Tests.Deployment;

/// <summary>The command line as a user meets it: bad input gives a clear error and a non-zero exit, and touches no target.</summary>
public sealed class DeployCliTests : IDisposable
{
    // Nothing listens on port 1 of this machine: a connection is refused at once.
    private const string UnreachableServer = "Server=127.0.0.1,1;Encrypt=True;TrustServerCertificate=True;User ID=sa;Password=not-a-secret;Connect Timeout=5;ConnectRetryCount=0";

    private readonly FixtureDacpacs _dacpacs = new();
    private readonly RecordingConsole _console = new();

    [Fact]
    public async Task Plan_FailsWithInvalidInput_WhenTheSourceDacpacIsMissing()
    {
        var missing = Path.Combine(_dacpacs.Directory, "missing.dacpac");

        var exit = await Run("plan", "--source", missing, "--target-dacpac", RepositoryPaths.Dacpac);

        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.StartsWith($"--source: the dacpac '{missing}' does not exist.", _console.FirstError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_FailsWithInvalidInput_WhenTheDacpacIsCorrupt()
    {
        var corrupt = _dacpacs.Corrupt("corrupt");

        var exit = await Run("plan", "--source", RepositoryPaths.Dacpac, "--target-dacpac", corrupt);

        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains($"'{corrupt}' is not a valid dacpac", _console.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_FailsBeforeConnecting_WhenTheProfileIsUnknown()
    {
        var exit = await Run("publish", "--dacpac", RepositoryPaths.Dacpac, "--profile", "NoSuchProfile", "--connection", UnreachableServer);

        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("Unknown publish profile 'NoSuchProfile'", _console.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_FailsBeforeConnecting_WhenTheDacpacIsMissing()
    {
        var exit = await Run("publish", "--dacpac", Path.Combine(_dacpacs.Directory, "nope.dacpac"), "--connection", UnreachableServer, "--database", "Foundation");

        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("nope.dacpac' does not exist", _console.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_FailsWithConnectionFailed_WhenTheServerIsUnreachable()
    {
        var exit = await Run("publish", "--dacpac", RepositoryPaths.Dacpac, "--connection", UnreachableServer, "--database", "Foundation", "--out", Path.Combine(_dacpacs.Directory, "out"));

        Assert.Equal(ExitCode.ConnectionFailed, exit);
        Assert.Contains("127.0.0.1,1", _console.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-secret", _console.Errors + _console.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dacpacs.Directory, "out")), "no report is written when the target cannot be read");
    }

    [Fact]
    public async Task Publish_IsRefusedByPolicy_WhenARemoteServerTrustsAnyCertificate()
    {
        var exit = await Run("publish", "--dacpac", RepositoryPaths.Dacpac, "--connection", "Server=sql.example.com;Encrypt=True;TrustServerCertificate=True", "--database", "Foundation");

        Assert.Equal(ExitCode.ConnectionFailed, exit);
        Assert.Contains("Connection refused by policy", _console.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_FailsWithConnectionFailed_WhenTheServerIsUnreachable()
    {
        var exit = await Run("rollback", "--connection", UnreachableServer, "--database", "Foundation");

        Assert.Equal(ExitCode.ConnectionFailed, exit);
    }

    [Theory]
    [InlineData("history")]
    [InlineData("verify")]
    [InlineData("drift")]
    public async Task InspectionVerbs_FailWithConnectionFailed_WhenTheServerIsUnreachable(string verb)
    {
        var exit = await Run(verb, "--connection", UnreachableServer, "--database", "Foundation");

        Assert.Equal(ExitCode.ConnectionFailed, exit);
        Assert.NotEmpty(_console.Errors);
    }

    [Fact]
    public async Task Publish_FailsWithInvalidInput_WhenAnAllowanceHasNoReason()
    {
        var allowances = Path.Combine(_dacpacs.Directory, "allow.json");
        await File.WriteAllTextAsync(allowances, """{ "dataLoss": [ { "object": "[Identity].[Users].[Email]" } ] }""", TestContext.Current.CancellationToken);

        var exit = await Run("publish", "--dacpac", RepositoryPaths.Dacpac, "--allowances", allowances, "--connection", UnreachableServer, "--database", "Foundation");

        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("every exception must say why", _console.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOption_FailsWithInvalidInput()
    {
        var exit = await Run("plan", "--no-such-option");

        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("--no-such-option", _console.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrations_FailsNamingTheFile_WhenAHeaderIsMalformed()
    {
        var directory = Path.Combine(_dacpacs.Directory, "migrations");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "0001-x.up.sql"), "-- migration 0001-x\nSELECT 1;", TestContext.Current.CancellationToken);
        var output = Path.Combine(_dacpacs.Directory, "generated");

        var exit = await Run("migrations", "--directory", directory, "--out", output);

        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("0001-x.up.sql(1): error FDM001", _console.Errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output), "nothing is generated from an invalid graph");
    }

    [Fact]
    public async Task Plan_PrintsTheReportForCurrentVersusTheLatestBaseline_WithoutAServer()
    {
        var output = Path.Combine(_dacpacs.Directory, "plan");

        var exit = await Run("plan", "--source", RepositoryPaths.Dacpac, "--baseline", "latest", "--out", output);

        Assert.True(exit is ExitCode.Success or ExitCode.ReviewRequired, _console.Errors);
        Assert.Contains("# Deployment report: Foundation.Database", _console.Output, StringComparison.Ordinal);
        Assert.Contains("## Verdict:", _console.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "report.json")));
        Assert.True(File.Exists(Path.Combine(output, "deploy.sql")));
    }

    public void Dispose() => _dacpacs.Dispose();

    private async Task<ExitCode> Run(params string[] args) => (ExitCode)await DeployCli.RunAsync(args, _console, TestContext.Current.CancellationToken);
}
