using System.Text.RegularExpressions;
using static Foundation.Database.Tests.Pipeline.PipelineDocument;

namespace Foundation.Database.Tests.Pipeline;

/// <summary>
/// azure-pipelines.yml with its templates expanded (<see cref="PipelineTemplateExpander"/>): its stages, their jobs
/// (agent, server and deployment jobs) and each job's steps in run order, with helpers to read a step.
/// </summary>
public sealed partial class PipelineModel
{
    private PipelineModel(string file, IDictionary<object, object> root)
    {
        File = file;
        Root = root;
        Stages = [.. Items(Get(root, "stages")).OfType<IDictionary<object, object>>()];
    }

    /// <summary>The pipeline file (its folder also holds .azure-pipelines/).</summary>
    public string File { get; }

    public IDictionary<object, object> Root { get; }

    public IReadOnlyList<IDictionary<object, object>> Stages { get; }

    /// <summary>Every job with the stage it belongs to.</summary>
    public IEnumerable<(IDictionary<object, object> Stage, IDictionary<object, object> Job)> Jobs =>
        Stages.SelectMany(stage => JobsOf(stage).Select(job => (stage, job)));

    public static PipelineModel Load(string file) => new(file, PipelineTemplateExpander.ExpandPipeline(file));

    public IDictionary<object, object>? Stage(string name) => Stages.FirstOrDefault(stage => Text(Get(stage, "stage")) == name);

    public static IReadOnlyList<IDictionary<object, object>> JobsOf(IDictionary<object, object> stage) =>
        [.. Items(Get(stage, "jobs")).OfType<IDictionary<object, object>>()];

    public static string JobName(IDictionary<object, object> job) => Text(Get(job, "job")) ?? Text(Get(job, "deployment")) ?? "(unnamed job)";

    public static IDictionary<object, object>? JobNamed(IDictionary<object, object> stage, string name) =>
        JobsOf(stage).FirstOrDefault(job => JobName(job) == name);

    public static bool IsDeployment(IDictionary<object, object> job) => Get(job, "deployment") is not null;

    /// <summary>The job's steps in run order: <c>steps</c>, or a runOnce deployment's <c>deploy</c> hook.</summary>
    public static IReadOnlyList<IDictionary<object, object>> StepsOf(IDictionary<object, object> job) =>
        [.. Items(Get(job, "steps") ?? Get(Get(Get(Get(job, "strategy"), "runOnce"), "deploy"), "steps")).OfType<IDictionary<object, object>>()];

    public static string? Script(IDictionary<object, object> step) => Text(Get(step, "script")) ?? Text(Get(step, "bash"));

    public static string? Task(IDictionary<object, object> step) => Text(Get(step, "task"));

    public static string Describe(IDictionary<object, object> stage, IDictionary<object, object> job) => $"{Text(Get(stage, "stage"))}.{JobName(job)}";

    /// <summary>The names a job or stage lists in <c>dependsOn</c> (a string or a list).</summary>
    public static IReadOnlyList<string> DependsOn(IDictionary<object, object> node) => Get(node, "dependsOn") switch
    {
        string one => [one],
        var many => [.. Items(many).OfType<string>()],
    };

    /// <summary>Foundation.Deploy runs in a script: its verb and the rest of that command line.</summary>
    public static IEnumerable<(string Verb, string Arguments)> DeployToolCalls(string script) =>
        DeployToolCall().Matches(script).Select(match => (match.Groups["verb"].Value, match.Groups["arguments"].Value));

    /// <summary>The verb of the first Foundation.Deploy call in a step, or null.</summary>
    public static string? DeployVerb(IDictionary<object, object> step) =>
        Script(step) is { } script ? DeployToolCalls(script).Select(call => call.Verb).FirstOrDefault() : null;

    /// <summary>The artifacts that the job downloads (<c>download: current</c>) before step <paramref name="before"/>.</summary>
    public static IReadOnlyList<string> DownloadedArtifacts(IDictionary<object, object> job, int before = int.MaxValue) =>
        [.. StepsOf(job).Take(before).Where(step => Text(Get(step, "download")) == "current").Select(step => Text(Get(step, "artifact"))).OfType<string>()];

    // The tool as the release jobs run it (the published artifact) and as the Build stage runs it (dotnet run).
    [GeneratedRegex(@"(?:Foundation\.Deploy\.dll""?|--project tools/Foundation\.Deploy\b[^\n]*?\s--)\s+(?<verb>[a-z][a-z-]*)(?<arguments>[^\n]*)")]
    private static partial Regex DeployToolCall();
}
