using System.Text.RegularExpressions;
using Foundation.Deploy;
using static Foundation.Database.Tests.Pipeline.PipelineDocument;
using static Foundation.Database.Tests.Pipeline.PipelineModel;

namespace Foundation.Database.Tests.Pipeline;

/// <summary>
/// The shape of the release, checked on the expanded pipeline; each method returns its violations (none: the rule holds).
/// </summary>
public sealed partial class PipelineStructureRules(PipelineModel model)
{
    /// <summary>The exits of <c>publish</c> after which "nothing was changed" (docs/deployment.md): no rollback follows them.</summary>
    public static readonly IReadOnlySet<int> NothingChangedExits = new HashSet<int>
    {
        (int)ExitCode.InvalidInput, (int)ExitCode.ConnectionFailed, (int)ExitCode.GateRefused, (int)ExitCode.DriftDetected, (int)ExitCode.LockHeld,
    };

    public static readonly IReadOnlyList<string> ExpectedStages = ["Build", "Verify", "Archive", "Test", "Production"];

    /// <summary>Build, Verify, Archive, then one stage per environment, Test before Production; each waits for the one before.</summary>
    public IReadOnlyList<string> StageOrder()
    {
        var names = model.Stages.Select(stage => Text(Get(stage, "stage")) ?? "(unnamed)").ToList();
        var violations = new List<string>();
        if (!names.SequenceEqual(ExpectedStages))
        {
            violations.Add($"The stages are {string.Join(", ", names)}; expected {string.Join(", ", ExpectedStages)}.");
        }

        for (var i = 1; i < model.Stages.Count; i++)
        {
            if (!DependsOn(model.Stages[i]).SequenceEqual([names[i - 1]]))
            {
                violations.Add($"Stage {names[i]} depends on [{string.Join(", ", DependsOn(model.Stages[i]))}], not on {names[i - 1]}.");
            }
        }

        return violations;
    }

    /// <summary>
    /// Each environment is deployed from one stage of its own, under the exclusive lock, where a job plans against the
    /// live database and publishes the report as an artifact; a ManualValidation job waits on it; the deployment job
    /// waits on both and passes the plan job's report hash (not a hash it computes itself) to <c>--expect-report-hash</c>.
    /// </summary>
    public IReadOnlyList<string> EnvironmentStages()
    {
        var violations = new List<string>();
        var deployments = model.Jobs.Where(pair => IsDeployment(pair.Job)).ToList();
        foreach (var group in deployments.GroupBy(pair => Text(Get(pair.Job, "environment")) ?? "(none)"))
        {
            var stages = group.Select(pair => Text(Get(pair.Stage, "stage"))).Distinct().ToList();
            if (stages.Count > 1)
            {
                violations.Add($"The environment {group.Key} is deployed from several stages ({string.Join(", ", stages)}): one stage per environment.");
            }
        }

        foreach (var stage in deployments.Select(pair => pair.Stage).Distinct())
        {
            var name = Text(Get(stage, "stage"));
            var environments = JobsOf(stage).Where(IsDeployment).Select(job => Text(Get(job, "environment"))).Distinct().ToList();
            if (environments.Count != 1)
            {
                violations.Add($"Stage {name} deploys to {environments.Count} environments ({string.Join(", ", environments)}): one environment per stage.");
            }

            if (Text(Get(stage, "lockBehavior")) != "sequential")
            {
                violations.Add($"Stage {name} has no 'lockBehavior: sequential': runs must take the environment's exclusive lock in order.");
            }

            violations.AddRange(PlanReviewApply(stage));
        }

        return violations;
    }

    /// <summary>
    /// The rollback job runs only after the publish began: its condition requires the started marker, an output set by the
    /// step immediately before the publish step; it does not run when the deployment job succeeded, nor after a publish
    /// exit that changed nothing.
    /// </summary>
    public IReadOnlyList<string> RollbackCondition()
    {
        var violations = new List<string>();
        foreach (var (stage, job) in model.Jobs.Where(pair => StepsOf(pair.Job).Any(step => DeployVerb(step) == "rollback")))
        {
            var where = Describe(stage, job);
            var condition = Text(Get(job, "condition")) ?? "succeeded()";
            var marker = MarkerReference().Match(condition);
            if (!marker.Success)
            {
                violations.Add($"{where}: the condition '{condition}' does not require the started marker (eq(dependencies.<job>.outputs['<job>.<step>.<variable>'], 'true')).");
                continue;
            }

            var applyName = marker.Groups["job"].Value;
            var apply = JobNamed(stage, applyName);
            if (apply is null || !DependsOn(job).Contains(applyName))
            {
                violations.Add($"{where}: the marker's job {applyName} is not a job this one depends on.");
                continue;
            }

            var steps = StepsOf(apply);
            var markerStep = steps.ToList().FindIndex(step => Text(Get(step, "name")) == marker.Groups["step"].Value);
            if (markerStep < 0 || Script(steps[markerStep])?.Contains($"variable={marker.Groups["variable"].Value};isOutput=true]true", StringComparison.Ordinal) != true)
            {
                violations.Add($"{where}: no step '{marker.Groups["step"].Value}' of {applyName} sets the output {marker.Groups["variable"].Value}=true.");
            }
            else if (markerStep + 1 >= steps.Count || DeployVerb(steps[markerStep + 1]) != "publish")
            {
                violations.Add($"{where}: the step after the marker in {applyName} is not the publish: the marker must be set immediately before it.");
            }

            if (!condition.Contains($"in(dependencies.{applyName}.result, 'Failed', 'Canceled')", StringComparison.Ordinal) && !condition.Contains("failed()", StringComparison.Ordinal))
            {
                violations.Add($"{where}: the condition would also roll back after {applyName} succeeded.");
            }

            violations.AddRange(ExitCodeExclusion(where, condition, applyName, steps));
        }

        return violations;
    }

    /// <summary>
    /// Every protected resource a run uses (secure file, variable group, environment, service container) is named by text
    /// known when the run is compiled: literal or a template expression, never a macro <c>$(...)</c> or runtime expression
    /// <c>$[...]</c>. Resources are authorised before any job runs, so a macro is looked up as its own text: "Step input
    /// secureFile references secure file $(name) which could not be found" (microsoft/azure-pipelines-tasks issues 10603,
    /// 13783), and the run never starts.
    /// </summary>
    public IReadOnlyList<string> ProtectedResourcesNamedAtCompileTime()
    {
        var violations = new List<string>();
        void Check(string where, string what, object? value)
        {
            if (value is string name && (name.Contains("$(", StringComparison.Ordinal) || name.Contains("$[", StringComparison.Ordinal)))
            {
                violations.Add($"{where} names its {what} '{name}' with a variable: resources are authorised when the run is compiled, before macros expand.");
            }
        }

        void CheckGroups(string where, object? variables)
        {
            foreach (var item in Items(variables).OfType<IDictionary<object, object>>())
            {
                Check(where, "variable group", Get(item, "group"));
            }
        }

        CheckGroups("The pipeline", Get(model.Root, "variables"));
        foreach (var stage in model.Stages)
        {
            CheckGroups($"Stage {Text(Get(stage, "stage"))}", Get(stage, "variables"));
        }

        foreach (var (stage, job) in model.Jobs)
        {
            var where = Describe(stage, job);
            CheckGroups(where, Get(job, "variables"));
            Check(where, "environment", Get(job, "environment") is IDictionary<object, object> environment ? Get(environment, "name") : Get(job, "environment"));
            foreach (var service in (Get(job, "services") as IDictionary<object, object>)?.Values ?? [])
            {
                Check(where, "service container", service);
            }

            foreach (var step in StepsOf(job).Where(step => Task(step)?.StartsWith("DownloadSecureFile@", StringComparison.Ordinal) == true))
            {
                Check($"{where} step '{Text(Get(step, "displayName"))}'", "secure file", Get(Get(step, "inputs"), "secureFile"));
            }
        }

        return violations;
    }

    private static IEnumerable<string> ExitCodeExclusion(string where, string condition, string applyName, IReadOnlyList<IDictionary<object, object>> steps)
    {
        var exclusion = ExitCodeExclusionPattern().Match(condition);
        if (!exclusion.Success || exclusion.Groups["job"].Value != applyName)
        {
            yield return $"{where}: the condition does not leave alone the publish exits that changed nothing ({string.Join(", ", NothingChangedExits)}).";
            yield break;
        }

        var codes = Regex.Matches(exclusion.Groups["codes"].Value, @"'(\d+)'").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        if (!codes.SetEquals(NothingChangedExits))
        {
            yield return $"{where}: the condition excludes the exits {string.Join(", ", codes.Order())}; the publish exits that change nothing are {string.Join(", ", NothingChangedExits.Order())}.";
        }

        var step = steps.FirstOrDefault(s => Text(Get(s, "name")) == exclusion.Groups["step"].Value);
        if (step is null || DeployVerb(step) != "publish" || Script(step)?.Contains($"variable={exclusion.Groups["variable"].Value};isOutput=true]", StringComparison.Ordinal) != true)
        {
            yield return $"{where}: the exit code it reads ({exclusion.Groups["step"].Value}.{exclusion.Groups["variable"].Value}) is not an output of the publish step.";
        }
    }

    private static IEnumerable<string> PlanReviewApply(IDictionary<object, object> stage)
    {
        var name = Text(Get(stage, "stage"));
        var jobs = JobsOf(stage);
        var plan = jobs.FirstOrDefault(job => !IsDeployment(job) && StepsOf(job).Any(IsLivePlan));
        var review = jobs.FirstOrDefault(job => Text(Get(job, "pool")) == "server" && StepsOf(job).Any(step => Task(step) == "ManualValidation@1"));
        var apply = jobs.FirstOrDefault(job => IsDeployment(job) && StepsOf(job).Any(step => DeployVerb(step) == "publish"));
        if (plan is null || review is null || apply is null)
        {
            yield return $"Stage {name} needs a job that plans against the live database ({(plan is null ? "missing" : "ok")}), a ManualValidation@1 server job ({(review is null ? "missing" : "ok")}) and a deployment job that publishes ({(apply is null ? "missing" : "ok")}).";
            yield break;
        }

        var planStep = StepsOf(plan).First(IsLivePlan);
        var output = OutFolder().Match(Script(planStep)!).Groups["folder"].Value;
        var outFolder = Regex.Replace(output, @"^\$(\w+)$", m => OutVariable(Script(planStep)!, m.Groups[1].Value));
        if (!StepsOf(plan).Any(step => Text(Get(step, "publish")) is { } published && outFolder.StartsWith(published, StringComparison.Ordinal)))
        {
            yield return $"Stage {name}: job {JobName(plan)} does not publish the plan's report ({outFolder}) as an artifact.";
        }

        if (!DependsOn(review).Contains(JobName(plan)))
        {
            yield return $"Stage {name}: the review job {JobName(review)} does not wait for the plan job {JobName(plan)}: approvers would not have the report.";
        }

        if (!DependsOn(apply).Contains(JobName(review)) || !DependsOn(apply).Contains(JobName(plan)))
        {
            yield return $"Stage {name}: the deployment job {JobName(apply)} does not wait for both {JobName(plan)} and {JobName(review)}.";
        }

        if (StepsOf(apply).Any(step => DeployVerb(step) == "plan"))
        {
            yield return $"Stage {name}: the deployment job {JobName(apply)} plans again: the hash it deploys must be the reviewed one.";
        }

        foreach (var problem in ReviewedHash(name, plan, apply))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> ReviewedHash(string? stage, IDictionary<object, object> plan, IDictionary<object, object> apply)
    {
        var publish = StepsOf(apply).First(step => DeployVerb(step) == "publish");
        var argument = ExpectHash().Match(Script(publish)!);
        var variable = argument.Success ? Text(Get(Get(publish, "env"), argument.Groups["env"].Value)) : null;
        var jobVariable = variable is null ? null : Regex.Match(variable, @"^\$\((?<name>\w+)\)$").Groups["name"].Value;
        var mapped = jobVariable is null ? null : Text(Get(Get(apply, "variables"), jobVariable));
        var output = mapped is null ? Match.Empty : PlanOutput().Match(mapped);
        if (!output.Success || output.Groups["job"].Value != JobName(plan))
        {
            yield return $"Stage {stage}: publish's --expect-report-hash is not the output of the plan job {JobName(plan)} (found '{mapped ?? variable ?? "(no --expect-report-hash \"$VARIABLE\")"}').";
            yield break;
        }

        var step = StepsOf(plan).FirstOrDefault(s => Text(Get(s, "name")) == output.Groups["step"].Value);
        if (step is null || !IsLivePlan(step) || Script(step)?.Contains($"variable={output.Groups["variable"].Value};isOutput=true]", StringComparison.Ordinal) != true)
        {
            yield return $"Stage {stage}: {output.Groups["step"].Value}.{output.Groups["variable"].Value} is not set by the plan job's live plan step.";
        }
    }

    private static bool IsLivePlan(IDictionary<object, object> step) =>
        Script(step) is { } script && DeployToolCalls(script).Any(call => call.Verb == "plan" && call.Arguments.Contains("--live", StringComparison.Ordinal));

    private static string OutVariable(string script, string name) =>
        Regex.Match(script, $@"(?m)^\s*{name}=""?(?<value>[^""\n]+)""?\s*$").Groups["value"].Value;

    [GeneratedRegex(@"eq\(dependencies\.(?<job>\w+)\.outputs\['\k<job>\.(?<step>\w+)\.(?<variable>\w+)'\],\s*'true'\)")]
    private static partial Regex MarkerReference();

    [GeneratedRegex(@"not\(in\(dependencies\.(?<job>\w+)\.outputs\['\k<job>\.(?<step>\w+)\.(?<variable>\w+)'\](?<codes>(?:,\s*'\d+')+)\)\)")]
    private static partial Regex ExitCodeExclusionPattern();

    [GeneratedRegex(@"--out\s+""?(?<folder>[^""\s]+)")]
    private static partial Regex OutFolder();

    [GeneratedRegex(@"--expect-report-hash\s+""?\$(?<env>\w+)""?")]
    private static partial Regex ExpectHash();

    [GeneratedRegex(@"^\$\[\s*dependencies\.(?<job>\w+)\.outputs\['(?<step>\w+)\.(?<variable>\w+)'\]\s*\]$")]
    private static partial Regex PlanOutput();
}
