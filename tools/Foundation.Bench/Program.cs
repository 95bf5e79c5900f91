using System.CommandLine;
using System.Globalization;
using Foundation.Bench;

// Foundation.Bench: `dotnet run --project tools/Foundation.Bench -c Release [-- options]`; see docs/performance.md.
// Exit codes: 0 every target met or explained; 1 a target missed without explanation; 2 the benchmark could not run.
var output = new ConsoleBenchOutput();

var runsOption = new Option<int>("--runs") { Description = "Runs of each Foundation.Database build and plan.", DefaultValueFactory = _ => BenchOptions.DefaultRuns };
var syntheticRunsOption = new Option<int>("--synthetic-runs") { Description = "Runs of each synthetic size.", DefaultValueFactory = _ => BenchOptions.DefaultSyntheticRuns };
var sizesOption = new Option<string>("--sizes") { Description = "Synthetic schema sizes in tables, comma-separated.", DefaultValueFactory = _ => string.Join(',', BenchOptions.DefaultSizes) };
var quickOption = new Option<bool>("--quick") { Description = "Smoke run: one run each, the smallest size, the live volume at 1%." };
var jsonOption = new Option<string?>("--json") { Description = "Also write every figure and verdict to this JSON file." };
var keepOption = new Option<bool>("--keep") { Description = "Keep the scratch projects in the temporary folder." };
var liveScaleOption = new Option<double>("--live-scale") { Description = "Share of the live volume (1 = 1,000 tenants, 1,000,000 users, 3,000,000 assignments).", DefaultValueFactory = _ => 1.0 };

var root = new RootCommand("Foundation benchmarks: build, plan and secured-query cost next to the engine's floor.")
{
    runsOption, syntheticRunsOption, sizesOption, quickOption, jsonOption, keepOption, liveScaleOption,
};
root.SetAction(async (parse, cancellation) =>
{
    try
    {
        var sizes = parse.GetValue(sizesOption)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var options = new BenchOptions(
            Math.Max(1, parse.GetValue(runsOption)),
            Math.Max(1, parse.GetValue(syntheticRunsOption)),
            sizes,
            parse.GetValue(quickOption),
            parse.GetValue(jsonOption),
            parse.GetValue(keepOption),
            parse.GetValue(liveScaleOption));
        if (options.Quick)
        {
            options = options.AsQuick();
        }

        var repository = RepositoryLayout.Find(Environment.CurrentDirectory, AppContext.BaseDirectory);
        var runner = new BenchRunner(output, repository, typeof(BenchRunner).Assembly.Location);
        return await runner.RunAsync(options, cancellation);
    }
    catch (Exception ex) when (ex is BenchException or DirectoryNotFoundException or FormatException or TimeoutException
        or Microsoft.Data.SqlClient.SqlException or Microsoft.SqlServer.Dac.DacServicesException)
    {
        output.Line($"error: {ex.Message}");
        return 2;
    }
});

// Hidden verbs: the bench runs itself in a child process so that the floor pays start-up and JIT like `dotnet build` does.
var projectArgument = new Argument<string>("project-directory");
var dacpacArgument = new Argument<string>("dacpac");
var rawBuild = new Command("raw-build", "Build a project folder with the raw DacFx API (the floor).") { Hidden = true };
rawBuild.Arguments.Add(projectArgument);
rawBuild.Arguments.Add(dacpacArgument);
rawBuild.SetAction(parse =>
{
    var options = new RawBuildOptions(parse.GetValue(projectArgument)!, parse.GetValue(dacpacArgument)!);
    var result = RawDacFxBuilder.Build(options.ProjectDirectory, options.DacpacPath, Path.GetFileNameWithoutExtension(options.DacpacPath));
    foreach (var error in result.Errors)
    {
        output.Line(error);
    }

    return result.Succeeded ? 0 : 1;
});
root.Subcommands.Add(rawBuild);

var sourceArgument = new Argument<string>("source-dacpac");
var targetArgument = new Argument<string>("target-dacpac");
var outputArgument = new Argument<string>("output-directory");
var plan = new Command("plan", "Write the offline upgrade script and deploy report from source to target.") { Hidden = true };
plan.Arguments.Add(sourceArgument);
plan.Arguments.Add(targetArgument);
plan.Arguments.Add(outputArgument);
plan.SetAction(parse =>
{
    var options = new PlanOptions(parse.GetValue(sourceArgument)!, parse.GetValue(targetArgument)!, parse.GetValue(outputArgument)!);
    var (script, report) = OfflinePlanner.Plan(options.SourceDacpac, options.TargetDacpac, options.OutputDirectory);
    output.Line($"upgrade script {script} characters, report {report} characters");
    return 0;
});
root.Subcommands.Add(plan);

var planTool = new Command("plan-tool", "The deployment tool's offline plan (Foundation.Deploy's DeploymentPlanner) from source to target.") { Hidden = true };
planTool.Arguments.Add(sourceArgument);
planTool.Arguments.Add(targetArgument);
planTool.Arguments.Add(outputArgument);
planTool.SetAction(parse =>
{
    var options = new PlanOptions(parse.GetValue(sourceArgument)!, parse.GetValue(targetArgument)!, parse.GetValue(outputArgument)!);
    var (script, operations) = OfflinePlanner.PlanWithDeploymentTool(options.SourceDacpac, options.TargetDacpac, options.OutputDirectory);
    output.Line($"upgrade script {script} characters, {operations} operations");
    return 0;
});
root.Subcommands.Add(planTool);

var sizeArgument = new Argument<int>("tables");
var folderArgument = new Argument<string>("folder");
var versionOption = new Option<int>("--version") { Description = "Schema version: 1, or 2 with 5% of the tables changed.", DefaultValueFactory = _ => 1 };
var singlePolicyOption = new Option<bool>("--single-policy") { Description = "One security policy over every table instead of one per table." };
var generate = new Command("generate", "Write a synthetic schema of N tables into a folder (to profile or reproduce by hand).") { Hidden = true };
generate.Arguments.Add(sizeArgument);
generate.Arguments.Add(folderArgument);
generate.Options.Add(versionOption);
generate.Options.Add(singlePolicyOption);
generate.SetAction(parse =>
{
    var layout = parse.GetValue(singlePolicyOption) ? PolicyLayout.OneForAll : PolicyLayout.PerTable;
    var schema = SyntheticSchemaGenerator.Generate(parse.GetValue(sizeArgument), parse.GetValue(versionOption), layout);
    schema.WriteTo(parse.GetValue(folderArgument)!);
    output.Line($"{schema.Files.Count} files, {schema.TableCount} tables, {schema.ChangedTables.Count} changed");
    return 0;
});
root.Subcommands.Add(generate);

var liveDacpacOption = new Option<string>("--dacpac") { Description = "The built dacpac to deploy.", DefaultValueFactory = _ => Path.Combine("Foundation.Database", "bin", "Release", "Foundation.Database.dacpac") };
var live = new Command("live", "Only the live query-cost check (needs FOUNDATION_SQL_CONNECTION); exit 2 without a server.")
{
    liveDacpacOption, liveScaleOption,
};
live.SetAction(async (parse, cancellation) =>
{
    try
    {
        var repository = RepositoryLayout.Find(Environment.CurrentDirectory, AppContext.BaseDirectory);
        var runner = new BenchRunner(output, repository, typeof(BenchRunner).Assembly.Location);
        return await runner.RunLiveAsync(Path.GetFullPath(parse.GetValue(liveDacpacOption)!), parse.GetValue(liveScaleOption), cancellation);
    }
    catch (Exception ex) when (ex is BenchException or DirectoryNotFoundException or TimeoutException
        or Microsoft.Data.SqlClient.SqlException or Microsoft.SqlServer.Dac.DacServicesException)
    {
        output.Line($"error: {ex.Message}");
        return 2;
    }
});
root.Subcommands.Add(live);

return await root.Parse(args).InvokeAsync();
