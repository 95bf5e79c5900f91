using System.Text.RegularExpressions;
using static Foundation.Database.Tests.Pipeline.PipelineDocument;
using static Foundation.Database.Tests.Pipeline.PipelineModel;

namespace Foundation.Database.Tests.Pipeline;

/// <summary>
/// The scripts and steps themselves: bash syntax, secrets, variable-group values checked before use, timeouts.
/// Each method returns its violations.
/// </summary>
public sealed partial class PipelineScriptRules(PipelineModel model)
{
    private static readonly HashSet<string> _longTasks = new(StringComparer.Ordinal) { "UseDotNet@2", "UniversalPackages@0", "DownloadSecureFile@1", "ManualValidation@1" };
    private static readonly HashSet<string> _liveVerbs = new(StringComparer.Ordinal) { "plan", "publish", "rollback", "drift", "verify" };
    private static readonly HashSet<string> _longCommands = new(StringComparer.Ordinal) { "dotnet", "sqlcmd", "apt-get", "curl" };

    /// <summary>Every script passes <c>bash -n</c>.</summary>
    public IReadOnlyList<string> BashSyntaxIsValid() =>
        [.. model.Jobs.SelectMany(pair => StepsOf(pair.Job)
            .Select(step => (Step: step, Errors: Script(step) is { } script ? BashSyntax.Errors(script) : null))
            .Where(result => result.Errors is not null)
            .Select(result => $"{Describe(pair.Stage, pair.Job)} step '{Text(Get(result.Step, "displayName"))}' fails bash -n: {result.Errors}"))];

    /// <summary>No secret is written in the YAML, expanded into a script, traced (set -x) or printed.</summary>
    public IReadOnlyList<string> SecretsStayOutOfScripts()
    {
        var violations = new List<string>();
        foreach (var (stage, job) in model.Jobs)
        {
            foreach (var step in StepsOf(job))
            {
                var where = $"{Describe(stage, job)} step '{Text(Get(step, "displayName"))}'";
                var script = Script(step) ?? string.Empty;
                if (SecretMacro().IsMatch(script))
                {
                    violations.Add($"{where} expands a secret into its script text; map it in env: instead.");
                }

                if (Trace().IsMatch(script))
                {
                    violations.Add($"{where} traces its commands (set -x), which prints secret values.");
                }

                violations.AddRange(script.Split('\n').Where(line => PrintedSecret().IsMatch(line)).Select(line => $"{where} prints a secret: {line.Trim()}"));
                foreach (var (key, value) in (Get(step, "env") as IDictionary<object, object>) ?? new Dictionary<object, object>())
                {
                    if (key is string name && SecretName().IsMatch(name) && value is string text && !text.Contains("$(", StringComparison.Ordinal))
                    {
                        violations.Add($"{where} writes the value of {name} in the YAML instead of taking it from a secret variable.");
                    }
                }
            }
        }

        violations.AddRange(StringsUnder(model.Root).Where(text => LiteralPassword().IsMatch(text)).Select(text => $"A literal password is written in the pipeline: {text}"));
        return violations;
    }

    /// <summary>
    /// Every variable-group value a job uses (FOUNDATION_*, MSSQL_*, as $(NAME) or as an environment variable) is checked
    /// by a require-variables step before it is used, in that job or one it depends on, so that an undefined value (which
    /// stays the literal text $(NAME)) stops the job with its name instead of reaching a command.
    /// </summary>
    public IReadOnlyList<string> GroupVariablesCheckedBeforeUse()
    {
        var violations = new List<string>();
        foreach (var stage in model.Stages)
        {
            var checkedByJob = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var job in JobsOf(stage))
            {
                var names = new HashSet<string>(DependsOn(job).SelectMany(d => checkedByJob.GetValueOrDefault(d) ?? []), StringComparer.Ordinal);
                var defined = ((Get(job, "variables") as IDictionary<object, object>)?.Keys.OfType<string>() ?? []).ToHashSet(StringComparer.Ordinal);
                foreach (var step in StepsOf(job))
                {
                    if (Script(step) is { } script && RequiredNames().Match(script) is { Success: true } required)
                    {
                        names.UnionWith(required.Groups["names"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                        continue;
                    }

                    var inline = InlineCheck().Matches(Script(step) ?? string.Empty).Select(m => m.Groups["name"].Value);
                    var used = GroupNames(step).Except(defined).Except(inline).Where(name => !names.Contains(name));
                    violations.AddRange(used.Distinct().Select(name =>
                        $"{Describe(stage, job)} step '{Text(Get(step, "displayName")) ?? Task(step)}' uses {name} before any step checks that it is set."));
                }

                checkedByJob[JobName(job)] = names;
            }
        }

        return violations;
    }

    /// <summary>
    /// Every require-variables step passes when each name it checks is set the way the agent hands variables to a script,
    /// and fails naming the first one when that one is missing. The agent gives a script a mapped <c>env:</c> entry under its
    /// key as written, and any other variable (job variable, variable-group value) under its name in upper case with '.'
    /// as '_' ("variable names become uppercase, and periods turn into underscores",
    /// learn.microsoft.com/azure/devops/pipelines/process/variables); a secret only through <c>env:</c>. So a check that
    /// looks a job variable up by its own spelling (expectedReportHash) never finds it, and fails every run.
    /// </summary>
    public IReadOnlyList<string> RequiredVariablesFoundAsTheAgentNamesThem()
    {
        var violations = new List<string>();
        foreach (var (stage, job) in model.Jobs)
        {
            foreach (var step in StepsOf(job))
            {
                if (Script(step) is not { } script || RequiredNames().Match(script) is not { Success: true } required)
                {
                    continue;
                }

                var where = $"{Describe(stage, job)} step '{Text(Get(step, "displayName"))}'";
                var names = required.Groups["names"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var mapped = ((Get(step, "env") as IDictionary<object, object>)?.Keys.OfType<string>() ?? []).ToHashSet(StringComparer.Ordinal);
                var environment = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var name in names)
                {
                    if (mapped.Contains(name))
                    {
                        environment[name] = "set";
                    }
                    else if (!SecretName().IsMatch(name))
                    {
                        environment[AgentEnvironmentName(name)] = "set";
                    }
                }

                var (exitCode, output) = BashSyntax.Run(script, environment);
                if (exitCode != 0)
                {
                    violations.Add($"{where} fails with every name set as the agent hands it to the script ({string.Join(", ", environment.Keys.Order(StringComparer.Ordinal))}): {output}");
                    continue;
                }

                var first = names[0];
                var withoutFirst = environment.Where(pair => pair.Key != first && pair.Key != AgentEnvironmentName(first)).ToDictionary(StringComparer.Ordinal);
                var (missingExit, missingOutput) = BashSyntax.Run(script, withoutFirst);
                if (missingExit == 0 || !missingOutput.Contains(first, StringComparison.Ordinal))
                {
                    violations.Add($"{where} does not fail naming {first} when {first} is not set (exit {missingExit}): {missingOutput}");
                }
            }
        }

        return violations;
    }

    /// <summary>The environment variable under which the agent hands a pipeline variable to a script.</summary>
    public static string AgentEnvironmentName(string variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return variable.ToUpperInvariant().Replace('.', '_').Replace(' ', '_');
    }

    /// <summary>
    /// Under <c>set -o pipefail</c>, no unguarded pipeline feeds a command that stops reading early (<c>head</c>, <c>grep -q</c>):
    /// the writer then dies of SIGPIPE (exit 141), pipefail makes that the pipeline's status, and <c>set -e</c> fails the step
    /// although nothing went wrong. A pipeline ending in <c>|| true</c>, or whose writer is guarded, is left alone.
    /// </summary>
    public IReadOnlyList<string> NoEarlyClosingReaderUnderPipefail() =>
        [.. model.Jobs.SelectMany(pair => StepsOf(pair.Job)
            .Where(step => Script(step) is { } script && script.Contains("pipefail", StringComparison.Ordinal))
            .SelectMany(step => Script(step)!.Split('\n')
                .Where(line => !line.TrimStart().StartsWith('#') && EarlyClosingReader().IsMatch(line) && !line.TrimEnd().EndsWith("|| true", StringComparison.Ordinal))
                .Select(line => $"{Describe(pair.Stage, pair.Job)} step '{Text(Get(step, "displayName"))}' pipes into a reader that may stop early, under pipefail: {line.Trim()}")))];

    /// <summary>
    /// Every step that connects gets its secret through <c>env:</c>, the only way a secret reaches a script ("Secret
    /// variables aren't automatically decrypted into environment variables for scripts", learn.microsoft.com/azure/devops/
    /// pipelines/process/variables, "Set secret variables"): a <c>sqlcmd -U</c> step maps <c>SQLCMDPASSWORD</c>, and a step
    /// that runs a Foundation.Deploy verb against a server maps <c>FOUNDATION_SQL_CONNECTION</c> (or passes --connection).
    /// Without it sqlcmd prompts for a password on a terminal that is not there, and the tool has no server to reach.
    /// </summary>
    public IReadOnlyList<string> ConnectingStepsMapTheirSecret()
    {
        var violations = new List<string>();
        foreach (var (stage, job) in model.Jobs)
        {
            foreach (var step in StepsOf(job))
            {
                if (Script(step) is not { } script)
                {
                    continue;
                }

                var where = $"{Describe(stage, job)} step '{Text(Get(step, "displayName"))}'";
                var env = (Get(step, "env") as IDictionary<object, object>) ?? new Dictionary<object, object>();
                if (SqlCmdLogin().IsMatch(script) && !env.ContainsKey("SQLCMDPASSWORD"))
                {
                    violations.Add($"{where} runs sqlcmd with -U but does not map SQLCMDPASSWORD in env:.");
                }

                var live = DeployToolCalls(script).Where(call => _liveVerbs.Contains(call.Verb) && (call.Verb != "plan" || call.Arguments.Contains("--live", StringComparison.Ordinal)));
                if (live.Any(call => !call.Arguments.Contains("--connection", StringComparison.Ordinal)) && !env.ContainsKey(Foundation.Deploy.Connections.DeploymentTarget.ConnectionEnvironmentVariable))
                {
                    violations.Add($"{where} runs Foundation.Deploy against a server but does not map {Foundation.Deploy.Connections.DeploymentTarget.ConnectionEnvironmentVariable} in env:.");
                }
            }
        }

        return violations;
    }

    /// <summary>
    /// Every job's timeout covers the sum of its steps' timeouts, so that each step's own limit is the one that applies to
    /// it: a job timeout reached first cancels whatever step is running (a publish included, which then rolls back) while
    /// that step is still inside the time the pipeline gave it.
    /// </summary>
    public IReadOnlyList<string> JobTimeoutsCoverTheirSteps()
    {
        var violations = new List<string>();
        foreach (var (stage, job) in model.Jobs)
        {
            var steps = StepsOf(job).Sum(step => Minutes(Get(step, "timeoutInMinutes")));
            var limit = Minutes(Get(job, "timeoutInMinutes"));
            if (limit < steps)
            {
                violations.Add($"{Describe(stage, job)} has timeoutInMinutes {limit}, less than its steps' {steps}.");
            }
        }

        return violations;
    }

    private static int Minutes(object? value) =>
        value is string text && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes) ? minutes : 0;

    /// <summary>Every job, and every step that installs, builds, tests, deploys or waits, has a timeout.</summary>
    public IReadOnlyList<string> TimeoutsSet()
    {
        var violations = new List<string>();
        foreach (var (stage, job) in model.Jobs)
        {
            if (Get(job, "timeoutInMinutes") is null)
            {
                violations.Add($"{Describe(stage, job)} has no timeoutInMinutes.");
            }

            foreach (var step in StepsOf(job).Where(step => Get(step, "timeoutInMinutes") is null))
            {
                var isLong = (Task(step) is { } task && _longTasks.Contains(task))
                    || (Script(step) is { } script && ShellCommands.Of(script).Any(_longCommands.Contains));
                if (isLong)
                {
                    violations.Add($"{Describe(stage, job)} step '{Text(Get(step, "displayName")) ?? Task(step)}' has no timeoutInMinutes.");
                }
            }
        }

        return violations;
    }

    private static IEnumerable<string> GroupNames(IDictionary<object, object> step)
    {
        var env = (Get(step, "env") as IDictionary<object, object>) ?? new Dictionary<object, object>();
        var fromYaml = env.Where(pair => pair.Value is string value && value != $"$({pair.Key})").Select(pair => (string)pair.Key);
        var macros = StringsUnder(step).SelectMany(text => GroupMacro().Matches(text).Select(m => m.Groups["name"].Value));
        var shell = GroupEnvironmentVariable().Matches(Script(step) ?? string.Empty).Select(m => m.Groups["name"].Value).Except(fromYaml);
        return macros.Concat(shell);
    }

    [GeneratedRegex(@"\bsqlcmd\b[^\n]*\s-U\s")]
    private static partial Regex SqlCmdLogin();

    [GeneratedRegex(@"\|\s*(head\b|grep\s+(-\w*q|--quiet))")]
    private static partial Regex EarlyClosingReader();

    [GeneratedRegex(@"(?i)\$\(\w*(password|secret|connection)\w*\)")]
    private static partial Regex SecretMacro();

    [GeneratedRegex(@"(?m)^\s*set\s+(-\w*x|-o\s+xtrace)|\bbash\s+-\w*x")]
    private static partial Regex Trace();

    [GeneratedRegex(@"(?i)\b(echo|printf)\b.*\$\{?\w*(password|connection|secret)")]
    private static partial Regex PrintedSecret();

    [GeneratedRegex(@"(?i)password|secret|connection")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(?i)(password|pwd)\s*=\s*(?!\$\()[^;\s]+")]
    private static partial Regex LiteralPassword();

    [GeneratedRegex(@"for name in (?<names>[^;\n]+); do\n(?:[^\n]*\n)*?\s*value=""\$\{!\w+-\}""")]
    private static partial Regex RequiredNames();

    [GeneratedRegex(@"(?<name>FOUNDATION_[A-Z_]+)(?:-\})?""?\s*==\s*'\$\('\*'\)'")]
    private static partial Regex InlineCheck();

    [GeneratedRegex(@"\$\((?<name>(?:FOUNDATION|MSSQL)_[A-Z_]+)\)")]
    private static partial Regex GroupMacro();

    [GeneratedRegex(@"\$\{?(?<name>FOUNDATION_[A-Z_]+)")]
    private static partial Regex GroupEnvironmentVariable();
}
