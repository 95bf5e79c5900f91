using System.Text.RegularExpressions;
using System.Xml.Linq;
using Foundation.Database.Tests.Infrastructure;
using static Foundation.Database.Tests.Pipeline.PipelineDocument;

namespace Foundation.Database.Tests.Pipeline;

/// <summary>
/// azure-pipelines.yml checked offline: its stages and their order, the artifacts passed between them, and that everything
/// it calls exists in the repository (projects, templates, profiles, Foundation.Deploy verbs), with no literal secret.
/// </summary>
public sealed partial class PipelineTests
{
    private static readonly Lazy<PipelineDocument> _pipeline = new(() => PipelineDocument.Load(Path.Combine(RepositoryPaths.Root, "azure-pipelines.yml")));

    private static PipelineDocument Pipeline => _pipeline.Value;

    /// <summary>The pipeline and the templates it uses.</summary>
    private static IReadOnlyList<PipelineDocument> AllDocuments =>
        [Pipeline, .. TemplatePaths().Distinct().Select(path => PipelineDocument.Load(Path.Combine(RepositoryPaths.Root, path)))];

    [Fact]
    public void Stages_AreBuildVerifyRelease_EachDependingOnThePreviousOne()
    {
        var stages = Items(Get(Pipeline.Root, "stages")).ToList();

        Assert.Equal(["Build", "Verify", "Release"], stages.Select(stage => Text(Get(stage, "stage"))));
        Assert.Null(Get(stages[0], "dependsOn"));
        Assert.Equal("Build", Text(Get(stages[1], "dependsOn")));
        Assert.Equal("Verify", Text(Get(stages[2], "dependsOn")));
    }

    [Fact]
    public void Artifacts_DownloadedLater_ArePublishedByTheBuildStage()
    {
        var build = Items(Get(Pipeline.Root, "stages")).First(stage => Text(Get(stage, "stage")) == "Build");
        var published = MapsUnder(build).Where(map => map.ContainsKey("publish")).Select(map => Resolve(Text(Get(map, "artifact")))).ToHashSet();
        var downloaded = AllDocuments.SelectMany(document => document.Maps())
            .Where(map => Text(Get(map, "download")) == "current")
            .Select(map => Resolve(Text(Get(map, "artifact"))))
            .ToList();

        Assert.Contains("foundation-dacpac", published);
        Assert.Contains("foundation-deployment-report", published);
        Assert.NotEmpty(downloaded);
        Assert.All(downloaded, artifact => Assert.Contains(artifact, published));
    }

    [Fact]
    public void Paths_ThatThePipelineCalls_ExistInTheRepository()
    {
        var scripts = AllDocuments.SelectMany(document => document.Strings()).ToList();
        var paths = scripts.SelectMany(script => ProjectArgument().Matches(script).Select(match => match.Groups["path"].Value))
            .Concat(TemplatePaths())
            .Concat(scripts.SelectMany(script => RepositoryArgument().Matches(script).Select(match => match.Groups["path"].Value)))
            .Concat(scripts
                .SelectMany(script => ReleaseProfiles().Select(profile => script.Replace("${{ parameters.profile }}", profile, StringComparison.Ordinal)))
                .SelectMany(script => RepositoryPath().Matches(script).Select(match => match.Groups["path"].Value)))
            .Distinct()
            .ToList();

        Assert.Contains("tools/Foundation.Deploy", paths);
        Assert.Contains("tools/sql/server/090-VerifyAudit.sql", paths);
        Assert.Contains("Foundation.Database/Profiles/Production.publish.xml", paths);
        Assert.Contains("Foundation.Database.Tests", paths);
        Assert.All(paths, path => Assert.True(
            File.Exists(Path.Combine(RepositoryPaths.Root, path)) || Directory.Exists(Path.Combine(RepositoryPaths.Root, path)),
            $"azure-pipelines refers to '{path}', which is not in the repository."));
    }

    [Fact]
    public void ReleaseProfiles_ExistAsPublishProfiles()
    {
        var release = Items(Get(Pipeline.Root, "stages")).First(stage => Text(Get(stage, "stage")) == "Release");
        var profiles = Items(Get(release, "jobs")).Select(job => Text(Get(Get(job, "parameters"), "profile"))).OfType<string>().ToList();

        Assert.Equal(["Test", "Production"], profiles);
        Assert.All(profiles, profile => Assert.True(
            File.Exists(Path.Combine(RepositoryPaths.DatabaseProjectDirectory, "Profiles", $"{profile}.publish.xml")),
            $"The Release stage deploys with profile '{profile}', but Foundation.Database/Profiles/{profile}.publish.xml does not exist."));
    }

    [Fact]
    public void BenchVerbs_ThatThePipelineRuns_AreVerbsTheBenchDefines_AndIncludeTheLiveQueryCost()
    {
        var program = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tools", "Foundation.Bench", "Program.cs"));
        var defined = DefinedVerb().Matches(program).Select(match => match.Groups["verb"].Value).ToHashSet();
        var used = AllDocuments.SelectMany(document => document.Strings())
            .SelectMany(script => BenchCall().Matches(script).Select(match => match.Groups["verb"].Value))
            .ToHashSet();

        Assert.Contains("live", used);
        Assert.All(used, verb => Assert.Contains(verb, defined));
    }

    [Fact]
    public void DeployToolVerbs_ThatThePipelineRuns_AreVerbsTheToolDefines()
    {
        var cli = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tools", "Foundation.Deploy", "Cli", "DeployCli.cs"));
        var defined = DefinedVerb().Matches(cli).Select(match => match.Groups["verb"].Value).ToHashSet();
        var used = AllDocuments.SelectMany(document => document.Strings())
            .SelectMany(script => DeployToolCall().Matches(script).Select(match => match.Groups["verb"].Value))
            .ToHashSet();

        Assert.Superset(new HashSet<string> { "plan", "publish", "verify", "rollback", "drift" }, used);
        Assert.All(used, verb => Assert.Contains(verb, defined));
    }

    [Fact]
    public void RollbackJob_RunsOnlyWhenTheDeploymentFailed()
    {
        var template = AllDocuments.Skip(1).Single();
        var jobs = Items(Get(template.Root, "jobs")).ToList();
        var rollback = Assert.Single(jobs, job => Text(Get(job, "deployment"))?.StartsWith("Rollback_", StringComparison.Ordinal) == true);

        Assert.Equal("failed()", Text(Get(rollback, "condition")));
        Assert.All(jobs, job => Assert.NotNull(Text(Get(job, "environment"))));
    }

    [Fact]
    public void VerifyStage_RunsAgainstASqlServer2022ServiceAndPublishesJUnitResults()
    {
        var verify = Items(Get(Pipeline.Root, "stages")).First(stage => Text(Get(stage, "stage")) == "Verify");
        var container = Items(Get(Get(Pipeline.Root, "resources"), "containers")).Single(item => Text(Get(item, "container")) == "mssql");
        var maps = MapsUnder(verify).ToList();

        Assert.Equal("mcr.microsoft.com/mssql/server:2022-latest", Text(Get(container, "image")));
        Assert.Contains(maps, map => Text(Get(map, "mssql")) == "mssql");
        Assert.Contains(maps, map => Get(map, "env") is { } env && Get(env, "FOUNDATION_SQL_CONNECTION") is not null && Get(env, "TSQLT_PATH") is not null);
        Assert.Contains(maps, map => Text(Get(map, "task")) == "PublishTestResults@2" && Text(Get(Get(map, "inputs"), "testResultsFormat")) == "JUnit");
    }

    [Fact]
    public void Pipeline_HoldsNoLiteralSecret()
    {
        var strings = AllDocuments.SelectMany(document => document.Strings()).ToList();

        Assert.All(strings, text => Assert.DoesNotMatch(LiteralPassword(), text));
        Assert.All(AllDocuments.SelectMany(document => document.Maps()), map =>
        {
            foreach (var (key, value) in map)
            {
                if (key is string name && SecretName().IsMatch(name) && value is string secret)
                {
                    Assert.Matches(@"\$\(\w+\)", secret); // built from a secret variable, never written out
                }
            }
        });
    }

    [Fact]
    public void DeployJob_PlansGatesChecksDriftAppliesServerScriptsPublishesThenVerifies_InThatOrder()
    {
        var scripts = StepScripts(ReleaseJob("Deploy_")).ToList();

        int IndexOf(string what, Func<string, bool> match)
        {
            var index = scripts.FindIndex(script => match(script));
            Assert.True(index >= 0, $"The Deploy job has no step that {what}.");
            return index;
        }

        var plan = IndexOf("plans against the live database", s => DeployVerb(s) == "plan" && s.Contains("--live", StringComparison.Ordinal));
        var gate = IndexOf("gates on the plan's exit code", s => s.Contains("PLAN_EXIT_CODE", StringComparison.Ordinal));
        var drift = IndexOf("checks drift", s => DeployVerb(s) == "drift");
        var server = IndexOf("applies the server-level scripts", s => s.Contains("tools/sql/server/010-FoundationServerAudit.sql", StringComparison.Ordinal));
        var sqlPackage = IndexOf("publishes with SqlPackage", s => s.Contains("SqlPackage /Action:Publish", StringComparison.Ordinal));
        var tool = IndexOf("publishes with the tool", s => DeployVerb(s) == "publish");
        var audit = IndexOf("verifies the audit", s => s.Contains("tools/sql/server/090-VerifyAudit.sql", StringComparison.Ordinal));
        var verify = IndexOf("validates the data", s => DeployVerb(s) == "verify");

        Assert.True(plan < gate && gate < drift && drift < server, "plan, gate, drift and the server scripts must come first, in this order.");
        Assert.True(server < sqlPackage && server < tool, "the server scripts must run before the publish.");
        Assert.True(sqlPackage < audit && tool < audit && audit < verify, "the audit check and the data validation must follow the publish.");
        Assert.All(
            Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "tools", "sql", "server"), "*.sql").Select(Path.GetFileName),
            file => Assert.Contains(scripts, script => script.Contains("tools/sql/server/" + file, StringComparison.Ordinal)));
    }

    [Fact]
    public void SqlPackagePublish_UsesTheEnvironmentProfile_AndPassesEverySqlCmdVariableTheDacpacDeclares()
    {
        var declared = XDocument.Load(RepositoryPaths.DatabaseProjectFile).Descendants()
            .Where(element => element.Name.LocalName == "SqlCmdVariable")
            .Select(element => (string)element.Attribute("Include")!)
            .ToList();
        var step = Assert.Single(PipelineDocument.MapsUnder(ReleaseJob("Deploy_")), map => Text(Get(map, "script"))?.Contains("SqlPackage /Action:Publish", StringComparison.Ordinal) == true);
        var script = Text(Get(step, "script"))!;

        Assert.NotEmpty(declared);
        Assert.Contains("/Profile:Foundation.Database/Profiles/${{ parameters.profile }}.publish.xml", script, StringComparison.Ordinal);
        Assert.Contains("/TargetConnectionString:\"$FOUNDATION_SQL_CONNECTION\"", script, StringComparison.Ordinal);
        Assert.Equal("$(FOUNDATION_SQL_CONNECTION)", Text(Get(Get(step, "env"), "FOUNDATION_SQL_CONNECTION")));
        Assert.All(declared, name => Assert.Contains($"/v:{name}=", script, StringComparison.Ordinal));
        Assert.Contains("/v:DeploymentLockHeld=False", script, StringComparison.Ordinal);
    }

    [Fact]
    public void PublishWith_DefaultsToSqlPackage_AndSelectsTheToolForAReleaseWithReviewedAllowances()
    {
        var template = AllDocuments.Skip(1).Single();
        var parameter = Assert.Single(Items(Get(template.Root, "parameters")), item => Text(Get(item, "name")) == "publishWith");
        var conditions = template.Maps().SelectMany(map => map.Keys.OfType<string>()).Where(key => key.StartsWith("${{ if eq(parameters.publishWith", StringComparison.Ordinal)).ToList();
        var toolPublish = StepScripts(ReleaseJob("Deploy_")).Single(script => DeployVerb(script) == "publish");

        Assert.Equal("SqlPackage", Text(Get(parameter, "default")));
        Assert.Equal(["SqlPackage", "Foundation.Deploy"], Items(Get(parameter, "values")).Select(Text));
        Assert.Equal(["${{ if eq(parameters.publishWith, 'SqlPackage') }}", "${{ if eq(parameters.publishWith, 'Foundation.Deploy') }}"], conditions);
        Assert.Contains("--allowances Foundation.Database/Profiles/DeploymentAllowances.json", toolPublish, StringComparison.Ordinal);
        Assert.Contains("--expect-report-hash", toolPublish, StringComparison.Ordinal);
    }

    [Fact]
    public void RollbackJob_RollsBackWithTheToolToThePreviousReleasesDacpac_ThenValidates()
    {
        var scripts = StepScripts(ReleaseJob("Rollback_")).ToList();

        var rollback = Assert.Single(scripts, script => DeployVerb(script) == "rollback");
        Assert.Contains("--dacpac \"$(Pipeline.Workspace)/previous-release/Foundation.Database.dacpac\"", rollback, StringComparison.Ordinal);
        Assert.True(scripts.FindIndex(script => DeployVerb(script) == "verify") > scripts.IndexOf(rollback), "The rollback job must validate the data after rolling back.");
    }

    [Fact]
    public void Scripts_RunOnlyCommandsOnTheAllowList()
    {
        var commands = AllDocuments.SelectMany(document => document.Maps())
            .Select(map => Text(Get(map, "script")))
            .OfType<string>()
            .SelectMany(ShellCommands.Of)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string> { "dotnet", "SqlPackage", "sqlcmd" }, commands);
        Assert.All(commands, command => Assert.True(_allowedCommands.Contains(command), $"A pipeline script runs '{command}', which is not on the allow-list of external commands and shell built-ins."));
    }

    [Fact]
    public void Secrets_ReachScriptsOnlyThroughEnv()
    {
        var scripts = AllDocuments.SelectMany(document => document.Maps()).Select(map => Text(Get(map, "script"))).OfType<string>();

        Assert.All(scripts, script => Assert.DoesNotMatch(SecretMacro(), script));
    }

    private static readonly HashSet<string> _allowedCommands = new(StringComparer.Ordinal)
    {
        // External commands the agents have or the pipeline installs.
        "dotnet", "SqlPackage", "sqlcmd", "jq", "unzip", "mkdir",
        // Shell keywords and built-ins.
        "set", "echo", "exit", "command", "if", "then", "else", "elif", "fi", "[",
    };

    private static string[] ReleaseProfiles()
    {
        var release = Items(Get(Pipeline.Root, "stages")).First(stage => Text(Get(stage, "stage")) == "Release");
        return [.. Items(Get(release, "jobs")).Select(job => Text(Get(Get(job, "parameters"), "profile"))).OfType<string>()];
    }

    /// <summary>The job of the release template whose deployment name starts with the prefix.</summary>
    private static object ReleaseJob(string prefix) =>
        Items(Get(AllDocuments.Skip(1).Single().Root, "jobs")).Single(job => Text(Get(job, "deployment"))?.StartsWith(prefix, StringComparison.Ordinal) == true);

    /// <summary>The script of every step of a job, in order, conditional (<c>${{ if }}</c>) steps included.</summary>
    private static IEnumerable<string> StepScripts(object job) =>
        PipelineDocument.MapsUnder(job).Select(map => Text(Get(map, "script"))).OfType<string>();

    private static string? DeployVerb(string script) => DeployToolCall().Match(script) is { Success: true } match ? match.Groups["verb"].Value : null;

    private static IEnumerable<string> TemplatePaths() =>
        Pipeline.Maps().Select(map => Text(Get(map, "template"))).OfType<string>();

    /// <summary>Replaces $(name) with the value of a top-level pipeline variable.</summary>
    private static string Resolve(string? text)
    {
        var variables = Get(Pipeline.Root, "variables") as IDictionary<object, object>;
        return Variable().Replace(text ?? string.Empty, match =>
            variables is not null && variables.TryGetValue(match.Groups["name"].Value, out var value) && value is string resolved
                ? resolved
                : match.Value);
    }

    [GeneratedRegex(@"--project\s+(?<path>[^\s$]+)|dotnet (?:build|restore) (?<path>[^\s$-][^\s$]*)")]
    private static partial Regex ProjectArgument();

    [GeneratedRegex(@"--(?:artifacts|source|allowances) (?<path>(?:Foundation|tools)[^\s$]*)")]
    private static partial Regex RepositoryArgument();

    [GeneratedRegex("""new Command\("(?<verb>[a-z-]+)",""")]
    private static partial Regex DefinedVerb();

    [GeneratedRegex(@"--project tools/Foundation\.Deploy\b[^\n]*?--\s+(?<verb>[a-z-]+)")]
    private static partial Regex DeployToolCall();

    [GeneratedRegex(@"--project tools/Foundation\.Bench\b[^\n]*?--\s+(?<verb>[a-z-]+)")]
    private static partial Regex BenchCall();

    [GeneratedRegex(@"(?i)(password|pwd)\s*=\s*(?!\$\()[^;\s]+")]
    private static partial Regex LiteralPassword();

    [GeneratedRegex(@"(?i)password|secret|connection")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"\$\((?<name>\w+)\)")]
    private static partial Regex Variable();

    [GeneratedRegex(@"(?<![\w/$.-])(?<path>(?:Foundation\.Database(?:\.Tests)?|tools|\.azure-pipelines)/[^\s""';$]+)")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex(@"(?i)\$\(\w*(password|secret|connection)\w*\)")]
    private static partial Regex SecretMacro();
}
