using System.Text.RegularExpressions;
using Foundation.Database.Tests.Infrastructure;
using Foundation.Deploy;
using Foundation.Deploy.Cli;

namespace Foundation.Database.Tests.Deployment.Cli;

/// <summary>
/// Help that is right: every verb's help lists the exit codes (from ExitCode itself), docs/deployment.md lists the same
/// codes, and the options that mean different things on different verbs say so.
/// </summary>
public sealed partial class DeployHelpTests : IDisposable
{
    public static TheoryData<string> Verbs => ["plan", "publish", "rollback", "history", "verify", "drift", "baseline", "migrations", "schema"];

    private readonly CliRun _run = new();

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task VerbHelp_ListsEveryExitCode(string verb)
    {
        var exit = await _run.RunAsync(verb, "--help");

        Assert.Equal(ExitCode.Success, exit);
        Assert.Contains($"Foundation.Deploy {verb} [options]", _run.Console.Output, StringComparison.Ordinal);
        Assert.All(Enum.GetValues<ExitCode>(), code => Assert.Matches($@"(?m)^  {(int)code}  {code} +\S", _run.Console.Output));
    }

    [Fact]
    public async Task NoArguments_PrintsTheHelpAndFails()
    {
        var exit = await _run.RunAsync();

        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.StartsWith("No verb given", _run.Console.FirstError, StringComparison.Ordinal);
        Assert.Contains("Commands:", _run.Console.Output, StringComparison.Ordinal);
        Assert.Contains("Exit codes:", _run.Console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ExitCodes_InTheDocs_AreTheToolsExitCodes()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "deployment.md"));
        var documented = DocumentedCode().Matches(docs).Select(m => (int.Parse(m.Groups["code"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["name"].Value)).ToList();

        Assert.Equal(Enum.GetValues<ExitCode>().Select(c => ((int)c, c.ToString())), documented);
        Assert.Equal(Enum.GetValues<ExitCode>().Select(c => ((int)c, c.ToString())), ExitCodeHelp.Codes.Select(c => (c.Code, c.Name)));
        Assert.All(ExitCodeHelp.Codes, c => Assert.False(string.IsNullOrWhiteSpace(c.Description), $"{c.Name} has no description"));
    }

    [Theory]
    [InlineData("baseline", "--force", "Replace an existing baseline")]
    [InlineData("publish", "--force", "drifted from the release it records")]
    [InlineData("drift", "--dacpac", "default: the dacpac of the release the database records")]
    [InlineData("rollback", "--dacpac", "default: found by --to-version, else the release before the current one")]
    [InlineData("publish", "--dacpac", "default: the built")]
    [InlineData("plan", "--allow-other-database", "not Foundation.Database")]
    [InlineData("schema", "--out", "docs/schema.md")]
    public async Task VerbHelp_DescribesTheOptionAsThatVerbUsesIt(string verb, string option, string expected)
    {
        await _run.RunAsync(verb, "--help");

        var line = OptionLines(_run.Console.Output).Single(l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    public void Dispose() => _run.Dispose();

    /// <summary>Option rows of a help text, continuation lines joined.</summary>
    private static IEnumerable<string> OptionLines(string help)
    {
        var current = string.Empty;
        foreach (var line in help.Split('\n').SkipWhile(l => l != "Options:").Skip(1).TakeWhile(l => l.Length > 0))
        {
            if (line.StartsWith("  -", StringComparison.Ordinal) && current.Length > 0)
            {
                yield return current;
                current = line;
            }
            else
            {
                current = current.Length == 0 ? line : current + " " + line.Trim();
            }
        }

        if (current.Length > 0)
        {
            yield return current;
        }
    }

    [GeneratedRegex(@"(?m)^\| (?<code>\d+) \| (?<name>[A-Za-z]+) \|")]
    private static partial Regex DocumentedCode();
}
