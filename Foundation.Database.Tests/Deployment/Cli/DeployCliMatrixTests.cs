using Foundation.Database.Tests.Infrastructure;
using Foundation.Deploy;

namespace Foundation.Database.Tests.Deployment.Cli;

/// <summary>
/// Issue #13's matrix: each class of bad input a newcomer fed the tool (and more), run through the real command line.
/// Every case must end with a documented non-zero exit code, a first error line naming the file, option or object at
/// fault, no stack trace, and nothing written (the scratch folder and the repository's release folders are compared
/// before and after; no output folder is created). Cases that pass a connection point at a port where nothing
/// listens: reaching it would end in exit 4, so exit 3 proves the input was refused before any connection.
/// </summary>
public sealed class DeployCliMatrixTests(CliFixtures fixtures) : IDisposable
{
    // Nothing listens on port 1 of this machine: a connection would be refused at once (exit 4, not 3).
    private const string Unreachable = "Server=127.0.0.1,1;Encrypt=True;TrustServerCertificate=True;User ID=sa;Password=not-a-secret;Connect Timeout=5;ConnectRetryCount=0";

    private readonly CliRun _run = new();

    public static TheoryData<string> Cases => [.. Definitions.Keys.Order(StringComparer.Ordinal)];

    /// <summary>case name -> (arguments, expected exit code, fragments the first error line must contain).</summary>
    private static Dictionary<string, Case> Definitions { get; } = new(StringComparer.Ordinal)
    {
        // Crashes of the newcomer run: empty values, --out that is a file / too long / under a file.
        ["empty --source"] = new(_ => ["plan", "--source", ""], ExitCode.InvalidInput, "--source: the value is empty"),
        ["empty --profile"] = new(_ => ["publish", "--profile", "", "--connection", Unreachable], ExitCode.InvalidInput, "--profile: the value is empty"),
        ["empty --out"] = new(_ => ["plan", "--out", ""], ExitCode.InvalidInput, "--out: the value is empty"),
        ["empty --connection"] = new(_ => ["history", "--connection", ""], ExitCode.InvalidInput, "--connection: the value is empty"),
        ["--out is an existing file"] = new(c => ["plan", "--out", c.Run.Write("report.txt", "x")], ExitCode.InvalidInput, "--out: '", "report.txt' is an existing file"),
        ["--out is too long"] = new(c => ["plan", "--out", c.Run.Path(new string('x', 300))], ExitCode.InvalidInput, "--out: the path is too long"),
        ["--out under a file"] = new(c => ["plan", "--out", Path.Combine(c.Run.Write("file.txt", "x"), "out")], ExitCode.InvalidInput, "--out: '", "file.txt' is a file"),
        ["migrations --out under a file"] = new(c => ["migrations", "--directory", c.Folder("migrations"), "--out", Path.Combine(c.Run.Write("file.txt", "x"), "generated")], ExitCode.InvalidInput, "--out: '", "file.txt' is a file"),

        // Files vs folders, missing files.
        ["--source is a folder"] = new(c => ["plan", "--source", c.Run.Scratch], ExitCode.InvalidInput, "--source: '", "' is a folder; expected a dacpac"),
        ["--profile is a folder"] = new(c => ["plan", "--profile", c.Run.Scratch], ExitCode.InvalidInput, "--profile: '", "' is a folder"),
        ["--allowances is a folder"] = new(c => ["plan", "--allowances", c.Run.Scratch], ExitCode.InvalidInput, "--allowances: '", "' is a folder"),
        ["--target-dacpac is missing"] = new(c => ["plan", "--target-dacpac", c.Run.Path("nope.dacpac")], ExitCode.InvalidInput, "--target-dacpac: the dacpac '", "nope.dacpac' does not exist"),
        ["--artifacts is missing"] = new(c => ["drift", "--artifacts", c.Run.Path("archive"), "--connection", Unreachable], ExitCode.InvalidInput, "--artifacts: the folder '", "archive' does not exist"),
        ["--artifacts is a file"] = new(c => ["drift", "--artifacts", c.Run.Write("archive", "x"), "--connection", Unreachable], ExitCode.InvalidInput, "--artifacts: '", "archive' is a file"),
        ["migrations --lock-file is missing"] = new(c => ["migrations", "--directory", c.Folder("migrations"), "--lock-file", c.Run.Path("missing.lock.json")], ExitCode.InvalidInput, "--lock-file: the lock file '", "missing.lock.json' does not exist"),
        ["migrations --directory is missing"] = new(c => ["migrations", "--directory", c.Run.Path("nowhere")], ExitCode.InvalidInput, "--directory: the folder '", "nowhere' does not exist"),
        ["schema --out is a folder"] = new(c => ["schema", "--out", c.Run.Scratch], ExitCode.InvalidInput, "--out: '", "' is a folder; expected a file"),

        // Typos are errors.
        ["misspelt profile property"] = new(c => ["plan", "--source", c.F.Base, "--target-dacpac", c.F.Base, "--allow-other-database", "--out", c.Run.Out, "--profile", c.Profile("<BlockOnPosibleDataLoss>False</BlockOnPosibleDataLoss>")],
            ExitCode.InvalidInput, "The publish profile '", "Typo.publish.xml' has 1 property", "BlockOnPosibleDataLoss (line", "Did you mean 'BlockOnPossibleDataLoss'?"),
        ["profile property DacFx does not read"] = new(c => ["plan", "--source", c.F.Base, "--target-dacpac", c.F.Base, "--allow-other-database", "--profile", c.Profile("<CommandTimeout>600</CommandTimeout>")],
            ExitCode.InvalidInput, "Typo.publish.xml'", "CommandTimeout (line", "does not read"),
        ["profile property with a bad value"] = new(c => ["plan", "--source", c.F.Base, "--target-dacpac", c.F.Base, "--allow-other-database", "--profile", c.Profile("<BlockOnPossibleDataLoss>Flase</BlockOnPossibleDataLoss>")],
            ExitCode.InvalidInput, "Typo.publish.xml' could not be read by DacFx", "BlockOnPossibleDataLoss has an invalid value: Flase"),
        ["unknown -v name"] = new(c => ["plan", "--source", c.F.WithVariables, "--target-dacpac", c.F.Base, "--allow-other-database", "-v", "Enviroment=prod"],
            ExitCode.InvalidInput, "SQLCMD variable(s) Enviroment (-v/--variable) are not declared by the dacpac '", "it declares Environment, TenantBatchSize", "Did you mean 'Environment'?"),
        ["profile variable the dacpac does not declare"] = new(c => ["plan", "--source", c.F.LookalikeWithVariables, "--target-dacpac", c.F.Base, "--allow-other-database", "--profile", c.Profile(string.Empty, "<SqlCmdVariable Include=\"TenantBatchSise\"><Value>5</Value></SqlCmdVariable>")],
            ExitCode.InvalidInput, "SQLCMD variable(s) TenantBatchSise (profile '", "Did you mean 'TenantBatchSize'?"),
        ["declared variables nobody sets"] = new(c => ["publish", "--dacpac", c.F.WithVariables, "--allow-other-database", "--profile", c.Profile(string.Empty), "--connection", Unreachable, "--database", "Foundation", "-v", "Environment=test"],
            ExitCode.InvalidInput, "declares SQLCMD variable(s) that nobody sets: TenantBatchSize"),
        ["malformed -v"] = new(_ => ["plan", "-v", "=oops"], ExitCode.InvalidInput, "-v: The SQLCMD variable option '=oops'"),
        ["unknown allowances key"] = new(c => ["plan", "--allowances", c.Run.Write("allow.json", """{ "dataLoss": [], "tableRebuild": [] }""")],
            ExitCode.InvalidInput, "The allowances file '", "allow.json' is not valid: unknown key 'tableRebuild'", "Did you mean 'tableRebuilds'?"),
        ["unknown allowance entry key"] = new(c => ["plan", "--allowances", c.Run.Write("allow.json", """{ "dataLoss": [ { "object": "[App].[Items].[Note]", "reasn": "x" } ] }""")],
            ExitCode.InvalidInput, "allow.json' is not valid: unknown key 'dataLoss[0].reasn'", "Did you mean 'reason'?"),
        ["allowances not JSON"] = new(c => ["plan", "--allowances", c.Run.Write("allow.json", "{ dataLoss: ")], ExitCode.InvalidInput, "allow.json' is not valid JSON"),
        ["allowance naming no object"] = new(_ => ["plan", "--allow-data-loss", "Users"], ExitCode.InvalidInput, "--allow-data-loss: 'Users' does not name one object"),
        ["rebuild allowance naming a column"] = new(_ => ["plan", "--allow-rebuild", "[Identity].[Users].[Email]"], ExitCode.InvalidInput, "--allow-rebuild: '[Identity].[Users].[Email]' does not name one object; expected [Schema].[Table]"),

        // Conflicting options are refused, not silently resolved.
        ["--baseline with --target-dacpac"] = new(c => ["plan", "--baseline", "latest", "--target-dacpac", c.F.Base], ExitCode.InvalidInput, "--baseline and --target-dacpac cannot be combined"),
        ["--baseline with --live"] = new(_ => ["plan", "--baseline", "latest", "--live"], ExitCode.InvalidInput, "--baseline and --live cannot be combined"),
        ["--target-dacpac with --live"] = new(c => ["plan", "--target-dacpac", c.F.Base, "--live"], ExitCode.InvalidInput, "--target-dacpac and --live cannot be combined"),
        ["--connection without --live"] = new(_ => ["plan", "--connection", Unreachable], ExitCode.InvalidInput, "--connection applies only with --live"),
        ["rollback --to-version with --dacpac"] = new(_ => ["rollback", "--dacpac", RepositoryPaths.Dacpac, "--to-version", "1.0.0", "--connection", Unreachable], ExitCode.InvalidInput, "--dacpac and --to-version cannot be combined"),

        // Unsafe or misleading input.
        ["baseline version that is a path"] = new(_ => ["baseline", "--version", "1.2.3-x/../../../escaped"], ExitCode.InvalidInput, "--version: '1.2.3-x/../../../escaped' is not a semantic version"),
        ["rollback version that is a path"] = new(_ => ["rollback", "--to-version", "../1.0.0", "--connection", Unreachable], ExitCode.InvalidInput, "--to-version: '../1.0.0' is not a release version"),
        ["unknown baseline version"] = new(_ => ["plan", "--baseline", "9.9.9"], ExitCode.InvalidInput, "--baseline: no baseline '9.9.9' in '", "(known: 1.0.0"),
        ["baseline that is nothing"] = new(_ => ["plan", "--baseline", "newest"], ExitCode.InvalidInput, "--baseline: 'newest' is not 'latest', a release version"),
        ["damaged model before connecting"] = new(c => ["publish", "--dacpac", c.F.DamagedModel, "--allow-other-database", "--profile", c.Profile(string.Empty), "--connection", Unreachable, "--database", "Foundation"],
            ExitCode.InvalidInput, "The dacpac '", "damaged-model.dacpac' has a damaged schema model", "[App].[Items]"),
        ["another database's dacpac"] = new(c => ["publish", "--dacpac", c.F.Base, "--connection", Unreachable, "--database", "Foundation"], ExitCode.InvalidInput, "The dacpac '", "base.dacpac' (--dacpac) is of database 'Fixture', not Foundation.Database", "--allow-other-database"),
        ["another database's dacpac in drift"] = new(c => ["drift", "--dacpac", c.F.Base, "--connection", Unreachable, "--database", "Foundation"], ExitCode.InvalidInput, "(--dacpac) is of database 'Fixture'"),
        ["another database's dacpac in plan"] = new(c => ["plan", "--source", c.F.Base, "--baseline", "latest"], ExitCode.InvalidInput, "(--source) is of database 'Fixture'"),
        ["malformed connection string"] = new(_ => ["publish", "--connection", "Server=db;Encrypt=Maybe", "--database", "Foundation"], ExitCode.InvalidInput, "--connection: not a valid connection string"),
        ["malformed connection string in the profile"] = new(c => ["history", "--profile", c.Profile("<TargetConnectionString>Server=db;Encrypt=Maybe</TargetConnectionString>")], ExitCode.InvalidInput, "Typo.publish.xml' has an invalid TargetConnectionString"),
        ["failover partner trusted remotely"] = new(_ => ["publish", "--dacpac", RepositoryPaths.Dacpac, "--connection", "Server=localhost;Failover Partner=db.example.com;Encrypt=True;TrustServerCertificate=True", "--database", "Foundation"],
            ExitCode.ConnectionFailed, "Connection refused by policy (--connection)", "Failover Partner 'db.example.com'"),
        ["named pipe to a remote host"] = new(_ => ["verify", "--connection", @"Server=np:\\db.example.com\pipe\sql\query;Encrypt=True;TrustServerCertificate=True", "--database", "Foundation"],
            ExitCode.ConnectionFailed, "Connection refused by policy (--connection)", @"Data Source 'np:\\db.example.com\pipe\sql\query'"),
        ["admin connection to a remote host"] = new(_ => ["history", "--connection", "Server=admin:db.example.com,1434;Encrypt=True;TrustServerCertificate=True", "--database", "Foundation"],
            ExitCode.ConnectionFailed, "Connection refused by policy (--connection)", "admin:db.example.com,1434"),
        ["unencrypted connection"] = new(_ => ["history", "--connection", "Server=db.example.com;Encrypt=False;User ID=sa;Password=hunter2", "--database", "Foundation"],
            ExitCode.ConnectionFailed, "Connection refused by policy (--connection)", "not encrypted"),

        // Ranges and formats.
        ["--top out of range"] = new(_ => ["history", "--top", "0"], ExitCode.InvalidInput, "--top: 0 is out of range"),
        ["--top not a number"] = new(_ => ["history", "--top", "many"], ExitCode.InvalidInput, "many"),
        ["--expect-report-hash malformed"] = new(_ => ["publish", "--expect-report-hash", "abc"], ExitCode.InvalidInput, "--expect-report-hash: 'abc' is not a report hash"),
        ["--release-version with a path separator"] = new(_ => ["publish", "--release-version", "1.0/../x"], ExitCode.InvalidInput, "--release-version: '1.0/../x' contains a control character or a path separator"),
        ["--database too long"] = new(_ => ["history", "--database", new string('d', 200)], ExitCode.InvalidInput, "--database: the value is 200 characters long"),
        ["unknown verb"] = new(_ => ["deploy"], ExitCode.InvalidInput, "deploy"),
        ["unknown option"] = new(_ => ["plan", "--no-such-option"], ExitCode.InvalidInput, "--no-such-option"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_FailsWithADocumentedCode_NamingTheFault_WithoutWritingAnything(string name)
    {
        var definition = Definitions[name];
        var args = definition.Arguments(new Context(_run, fixtures));

        var exit = await _run.RunAsync(args);

        Assert.True(Enum.IsDefined(exit) && exit != ExitCode.Success, $"{name}: exit {exit}");
        Assert.Equal(definition.Exit, exit);
        foreach (var fragment in definition.FirstErrorContains)
        {
            Assert.Contains(fragment, _run.Console.FirstError, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("not-a-secret", _run.Console.Errors + _run.Console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", _run.Console.Errors + _run.Console.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_run.Out), $"{name}: the output folder was created");
    }

    public void Dispose() => _run.Dispose();

    private sealed record Case(Func<Context, string[]> Arguments, ExitCode Exit, params string[] FirstErrorContains);

    private sealed record Context(CliRun Run, CliFixtures F)
    {
        public string Folder(string name) => Directory.CreateDirectory(Run.Path(name)).FullName;

        /// <summary>A publish profile in the scratch folder with these properties (and SQLCMD items).</summary>
        public string Profile(string properties, string items = "") => Run.Write(
            "Typo.publish.xml",
            $"<?xml version=\"1.0\"?>\n<Project ToolsVersion=\"Current\" xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\">\n<PropertyGroup>\n<TargetDatabaseName>Foundation</TargetDatabaseName>\n{properties}\n</PropertyGroup>\n<ItemGroup>{items}</ItemGroup>\n</Project>\n");
    }
}
