using System.Text.RegularExpressions;
using Foundation.Database.Tests.Infrastructure;
using static Foundation.Database.Tests.Pipeline.PipelineDocument;
using static Foundation.Database.Tests.Pipeline.PipelineModel;

namespace Foundation.Database.Tests.Pipeline;

/// <summary>
/// azure-pipelines.yml, with its templates expanded, checked offline: every rule of <see cref="PipelineStructureRules"/>,
/// <see cref="PipelineToolRules"/>, <see cref="PipelineScriptRules"/> and <see cref="LiveTestStageRules"/> holds
/// (PipelineRuleTests shows each failing on a broken copy), plus the facts of this pipeline that no rule generalises.
/// </summary>
public sealed partial class PipelineTests
{
    private static readonly Lazy<PipelineModel> _pipeline = new(() => PipelineModel.Load(Path.Combine(RepositoryPaths.Root, "azure-pipelines.yml")));

    private static PipelineModel Pipeline => _pipeline.Value;

    [Fact]
    public void Stages_AreBuildVerifyArchiveTestProduction_EachWaitingForThePreviousOne() =>
        Assert.Empty(new PipelineStructureRules(Pipeline).StageOrder());

    [Fact]
    public void EachEnvironment_HasItsOwnStage_WithThePlanPublishedAndReviewedBeforeTheDeploy() =>
        Assert.Empty(new PipelineStructureRules(Pipeline).EnvironmentStages());

    [Fact]
    public void Rollback_RunsOnlyAfterThePublishStarted_AndNotAfterAnExitThatChangedNothing() =>
        Assert.Empty(new PipelineStructureRules(Pipeline).RollbackCondition());

    [Fact]
    public void EveryCommand_IsOnTheHostedImage_OrInstalledByAnEarlierStepOfItsJob() =>
        Assert.Empty(new PipelineToolRules(Pipeline, RepositoryPaths.Root).CommandsInstalled());

    [Fact]
    public void EveryAgentJob_RunsOnThePinnedUbuntu2404Image() =>
        Assert.Empty(new PipelineToolRules(Pipeline, RepositoryPaths.Root).PinnedImage());

    [Fact]
    public void DeployToolVerbsAndOptions_AreTheOnesTheToolDefines() =>
        Assert.Empty(new PipelineToolRules(Pipeline, RepositoryPaths.Root).DeployToolOptions());

    [Fact]
    public void ProtectedResources_AreNamedWhenTheRunIsCompiled() =>
        Assert.Empty(new PipelineStructureRules(Pipeline).ProtectedResourcesNamedAtCompileTime());

    [Fact]
    public void RequiredVariables_AreFoundUnderTheNamesTheAgentGivesThem()
    {
        Assert.SkipUnless(BashSyntax.IsAvailable, "bash is not installed on this machine: the variable checks cannot be run here.");
        Assert.Empty(new PipelineScriptRules(Pipeline).RequiredVariablesFoundAsTheAgentNamesThem());
    }

    [Fact]
    public void NoScript_FailsOnAReaderThatStopsEarlyUnderPipefail() =>
        Assert.Empty(new PipelineScriptRules(Pipeline).NoEarlyClosingReaderUnderPipefail());

    [Fact]
    public void StepsThatConnect_MapTheirSecretInEnv() =>
        Assert.Empty(new PipelineScriptRules(Pipeline).ConnectingStepsMapTheirSecret());

    [Fact]
    public void JobTimeouts_CoverTheirStepsTimeouts() =>
        Assert.Empty(new PipelineScriptRules(Pipeline).JobTimeoutsCoverTheirSteps());

    [Fact]
    public void RepositoryPathsProfilesAndArtifactFolders_Exist() =>
        Assert.Empty(new PipelineToolRules(Pipeline, RepositoryPaths.Root).PathsExist());

    [Fact]
    public void DownloadedArtifacts_ArePublishedByAnEarlierStage() =>
        Assert.Empty(new PipelineToolRules(Pipeline, RepositoryPaths.Root).ArtifactsPublishedFirst());

    [Fact]
    public void EveryScript_PassesBashSyntaxCheck()
    {
        Assert.SkipUnless(BashSyntax.IsAvailable, "bash is not installed on this machine: the pipeline's scripts cannot be syntax-checked here.");
        Assert.Empty(new PipelineScriptRules(Pipeline).BashSyntaxIsValid());
    }

    [Fact]
    public void Secrets_NeverReachAScriptsTextOrItsOutput() =>
        Assert.Empty(new PipelineScriptRules(Pipeline).SecretsStayOutOfScripts());

    [Fact]
    public void VariableGroupValues_AreCheckedBeforeUse() =>
        Assert.Empty(new PipelineScriptRules(Pipeline).GroupVariablesCheckedBeforeUse());

    [Fact]
    public void JobsAndLongSteps_HaveTimeouts() =>
        Assert.Empty(new PipelineScriptRules(Pipeline).TimeoutsSet());

    [Fact]
    public void BuildStage_RunsTheOfflineTests_WithTheLiveTestsSwitchedOff() =>
        Assert.Empty(new LiveTestStageRules(Pipeline).BuildIsOffline());

    [Fact]
    public void VerifyStage_TestsTheBuiltDacpac_AfterSqlServerAcceptsALogin() =>
        Assert.Empty(new LiveTestStageRules(Pipeline).VerifyTestsTheBuiltArtifact());

    [Fact]
    public void Releases_PlanPublishRollBackAndVerifyWithTheTool_NeverWithSqlPackage()
    {
        var scripts = AllScripts().ToList();
        var verbs = scripts.SelectMany(DeployToolCalls).Select(call => call.Verb).ToHashSet();

        Assert.Superset(new HashSet<string> { "plan", "publish", "rollback", "verify", "drift" }, verbs);
        Assert.DoesNotContain(scripts.SelectMany(ShellCommands.Of), command => command.Equals("sqlpackage", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("Test", false)]
    [InlineData("Production", true)]
    public void ApplyJob_RunsServerScriptsBackupMarkerPublishAuditAndValidation_InThatOrder(string environment, bool backsUp)
    {
        var steps = StepsOf(JobNamed(Pipeline.Stage(environment)!, "Apply")!).ToList();
        int IndexOf(string what, Func<IDictionary<object, object>, bool> match)
        {
            var index = steps.FindIndex(step => match(step));
            Assert.True(index >= 0, $"{environment}.Apply has no step that {what}.");
            return index;
        }

        var server = IndexOf("runs the server audit script", s => Script(s)?.Contains("tools/sql/server/010-FoundationServerAudit.sql", StringComparison.Ordinal) == true);
        var marker = IndexOf("sets the started marker", s => Text(Get(s, "name")) == "started");
        var publish = IndexOf("publishes", s => DeployVerb(s) == "publish");
        var audit = IndexOf("verifies the audit", s => Script(s)?.Contains("tools/sql/server/090-VerifyAudit.sql", StringComparison.Ordinal) == true);
        var verify = IndexOf("validates the data", s => DeployVerb(s) == "verify");
        var backup = steps.FindIndex(s => Text(Get(s, "name")) == "backup");

        Assert.True(server < marker && marker + 1 == publish && publish < audit && audit < verify, "server scripts, marker, publish, audit, validation: in this order.");
        Assert.Equal(backsUp, backup >= 0);
        Assert.True(!backsUp || (server < backup && backup < marker), "The backup comes after the server scripts and before the marker.");
        Assert.All(
            Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "tools", "sql", "server"), "*.sql").Select(Path.GetFileName),
            file => Assert.Contains(steps, step => Script(step)?.Contains("tools/sql/server/" + file, StringComparison.Ordinal) == true));
    }

    [Fact]
    public void ProductionBackup_CoversSqlServerAndAzureSql_AndItsScriptParsesWithTheVariablesThePipelinePasses()
    {
        var backup = Script(StepsOf(JobNamed(Pipeline.Stage("Production")!, "Apply")!).Single(s => Text(Get(s, "name")) == "backup"))!;
        var path = Path.Combine(RepositoryPaths.Root, ".azure-pipelines", "sql", "backup-before-publish.sql");
        var passed = SqlCmdAssignment().Matches(backup.Split('\n').Single(line => line.Contains("backup-before-publish.sql", StringComparison.Ordinal)))
            .Select(m => m.Groups["name"].Value).ToList();
        var used = SqlCmdVariableUse().Matches(File.ReadAllText(path)).Select(m => m.Groups["name"].Value).Distinct().ToList();

        var sql = SqlCmdScript.Expand(path, passed.ToDictionary(name => name, name => name == "ReleaseVersion" ? "1.1.7" : "x"));
        SqlCmdScript.Parse(sql, out var errors);

        Assert.Contains("SqlServer)", backup, StringComparison.Ordinal);
        Assert.Contains("AzureSql)", backup, StringComparison.Ordinal);
        Assert.Equal(used.Order(), passed.Order());
        Assert.Empty(errors);
        Assert.Contains("COPY_ONLY, CHECKSUM", sql, StringComparison.Ordinal);
        Assert.Contains("RESTORE VERIFYONLY", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void ReleaseStore_IsWrittenAndReadByTheReleaseVersionThatPublishRecords()
    {
        var name = Text(Get(Pipeline.Root, "name"));
        var tasks = Pipeline.Jobs.SelectMany(pair => StepsOf(pair.Job)).Where(step => Task(step) == "UniversalPackages@0").ToList();
        var store = Assert.Single(tasks, t => Text(Get(Get(t, "inputs"), "command")) == "publish");
        var fetches = tasks.Where(t => Text(Get(Get(t, "inputs"), "command")) == "download").ToList();
        var publishes = AllScripts().SelectMany(DeployToolCalls).Where(call => call.Verb == "publish").ToList();

        Assert.Matches(@"^\d+\.\d+\.\$\(Rev:r\)$", name); // SemVer, as a universal package version must be
        Assert.Equal("$(Build.BuildNumber)", Text(Get(Get(store, "inputs"), "versionPublish")));
        Assert.NotEmpty(publishes);
        Assert.All(publishes, call => Assert.Contains("--release-version \"$(Build.BuildNumber)\"", call.Arguments, StringComparison.Ordinal));
        Assert.Equal(3 * 2, fetches.Count); // Plan, Apply and Rollback of each environment
        Assert.All(fetches, fetch =>
        {
            Assert.Equal(Text(Get(Get(store, "inputs"), "vstsFeedPublish")), Text(Get(Get(fetch, "inputs"), "vstsFeed")));
            Assert.Equal(Text(Get(Get(store, "inputs"), "vstsFeedPackagePublish")), Text(Get(Get(fetch, "inputs"), "vstsFeedPackage")));
            Assert.Matches(@"^\$\((plan\.)?recordedVersion\)$", Text(Get(Get(fetch, "inputs"), "vstsPackageVersion")));
        });
        Assert.DoesNotContain(Pipeline.Jobs.SelectMany(pair => StepsOf(pair.Job)), step => Text(Get(Get(step, "inputs"), "runVersion")) is not null);
    }

    [Fact]
    public void VerifyStage_RunsAgainstASqlServer2022ServiceAndPublishesJUnitResults()
    {
        var job = JobNamed(Pipeline.Stage("Verify")!, "Live")!;
        var container = Items(Get(Get(Pipeline.Root, "resources"), "containers")).OfType<IDictionary<object, object>>().Single(item => Text(Get(item, "container")) == "mssql");

        Assert.Equal("mcr.microsoft.com/mssql/server:2022-latest", Text(Get(container, "image")));
        Assert.Equal("mssql", Text(Get(Get(job, "services"), "mssql")));
        Assert.Contains(StepsOf(job), step => Get(step, "env") is { } env && Get(env, "FOUNDATION_SQL_CONNECTION") is not null && Get(env, "TSQLT_PATH") is not null);
        Assert.Contains(StepsOf(job), step => Task(step) == "PublishTestResults@2" && Text(Get(Get(step, "inputs"), "testResultsFormat")) == "JUnit");
    }

    [Fact]
    public void BenchVerbs_ThatThePipelineRuns_AreVerbsTheBenchDefines_AndIncludeTheLiveQueryCost()
    {
        var program = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tools", "Foundation.Bench", "Program.cs"));
        var defined = BenchVerb().Matches(program).Select(match => match.Groups["verb"].Value).ToHashSet();
        var used = AllScripts().SelectMany(script => BenchCall().Matches(script).Select(match => match.Groups["verb"].Value)).ToHashSet();

        Assert.Contains("live", used);
        Assert.All(used, verb => Assert.Contains(verb, defined));
    }

    private static IEnumerable<string> AllScripts() => Pipeline.Jobs.SelectMany(pair => StepsOf(pair.Job)).Select(Script).OfType<string>();

    [GeneratedRegex("""new Command\("(?<verb>[a-z-]+)",""")]
    private static partial Regex BenchVerb();

    [GeneratedRegex(@"--project tools/Foundation\.Bench\b[^\n]*?--\s+(?<verb>[a-z-]+)")]
    private static partial Regex BenchCall();

    [GeneratedRegex(@"\s(?:-v\s+)?(?<name>[A-Z]\w+)=""")]
    private static partial Regex SqlCmdAssignment();

    [GeneratedRegex(@"\$\((?<name>\w+)\)")]
    private static partial Regex SqlCmdVariableUse();
}
