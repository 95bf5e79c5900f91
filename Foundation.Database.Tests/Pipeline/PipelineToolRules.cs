using System.Text.RegularExpressions;
using static Foundation.Database.Tests.Pipeline.PipelineDocument;
using static Foundation.Database.Tests.Pipeline.PipelineModel;

namespace Foundation.Database.Tests.Pipeline;

/// <summary>
/// What the pipeline calls exists where it runs: each command on the hosted image or installed by an earlier step of the
/// same job, each Foundation.Deploy verb and option in the tool's own command line, each repository path, profile and
/// artifact. Each method returns its violations.
/// </summary>
public sealed partial class PipelineToolRules(PipelineModel model, string repositoryRoot)
{
    public const string HostedImage = "ubuntu-24.04";

    /// <summary>
    /// Commands the hosted ubuntu-24.04 image has without an install step: bash's built-ins and keywords, and per
    /// actions/runner-images images/ubuntu/Ubuntu2404-Readme.md ("Installed apt packages": coreutils, curl, gnupg2,
    /// jq, unzip, sudo, dpkg, findutils, tar) plus Ubuntu's base system (apt, grep, sed). Not on it: sqlcmd, SqlPackage,
    /// .NET 10 (".NET Core SDK: 8.0.x" only), so each job installs those itself.
    /// </summary>
    public static readonly IReadOnlySet<string> ImageCommands = new HashSet<string>(StringComparer.Ordinal)
    {
        "set", "echo", "exit", "command", "[", "[[", "test", "printf", "true", "false", "cd", "export", "read",
        "mkdir", "cp", "mv", "rm", "cat", "head", "tail", "cut", "tr", "sort", "seq", "sleep", "date", "sha256sum", "tee", "ls",
        "curl", "gpg", "jq", "unzip", "sudo", "dpkg-query", "find", "tar", "apt-get", "grep", "sed",
    };

    /// <summary>Every command a script runs is on the hosted image or installed by an earlier step of its job.</summary>
    public IReadOnlyList<string> CommandsInstalled()
    {
        var violations = new List<string>();
        foreach (var (stage, job) in model.Jobs)
        {
            var installed = new HashSet<string>(ImageCommands, StringComparer.Ordinal);
            foreach (var step in StepsOf(job))
            {
                foreach (var command in Script(step) is { } script ? ShellCommands.Of(script).Distinct() : [])
                {
                    if (!installed.Contains(command))
                    {
                        violations.Add($"{Describe(stage, job)}: step '{Text(Get(step, "displayName"))}' runs '{command}', which neither the hosted image has nor an earlier step of the job installs.");
                    }
                }

                installed.UnionWith(Installs(step));
            }
        }

        return violations;
    }

    /// <summary>Every agent job runs on the pinned hosted image whose software list <see cref="ImageCommands"/> cites.</summary>
    public IReadOnlyList<string> PinnedImage() =>
        [.. model.Jobs
            .Where(pair => Text(Get(pair.Job, "pool")) != "server" && Text(Get(Get(pair.Job, "pool"), "vmImage")) != HostedImage)
            .Select(pair => $"{Describe(pair.Stage, pair.Job)} runs on '{Text(Get(Get(pair.Job, "pool"), "vmImage")) ?? "(the default pool)"}', not the pinned {HostedImage}.")];

    /// <summary>Every Foundation.Deploy verb and option the pipeline passes is one the tool's command line defines.</summary>
    public IReadOnlyList<string> DeployToolOptions()
    {
        var verbs = DeployToolHelp.Verbs();
        var violations = new List<string>();
        foreach (var (stage, job) in model.Jobs)
        {
            foreach (var (verb, arguments) in StepsOf(job).Select(Script).OfType<string>().SelectMany(DeployToolCalls))
            {
                if (!verbs.Contains(verb))
                {
                    violations.Add($"{Describe(stage, job)} runs Foundation.Deploy '{verb}', which is not a verb of the tool ({string.Join(", ", verbs)}).");
                    continue;
                }

                var options = DeployToolHelp.Options(verb);
                violations.AddRange(Option().Matches(arguments).Select(m => m.Value).Where(option => !options.Contains(option))
                    .Select(option => $"{Describe(stage, job)} passes {option} to Foundation.Deploy {verb}, which has no such option."));
            }
        }

        return violations;
    }

    /// <summary>
    /// Every repository path, publish profile and artifact folder named in the steps exists: files and folders in the
    /// repository, build output only after a build step, <c>$(Pipeline.Workspace)/foundation-*</c> only after the job
    /// downloaded that artifact.
    /// </summary>
    public IReadOnlyList<string> PathsExist()
    {
        var violations = new List<string>();
        foreach (var (stage, job) in model.Jobs)
        {
            var steps = StepsOf(job);
            for (var i = 0; i < steps.Count; i++)
            {
                var text = string.Join("\n", StringsUnder(steps[i]));
                var where = $"{Describe(stage, job)} step '{Text(Get(steps[i], "displayName")) ?? Text(Get(steps[i], "task")) ?? "?"}'";
                foreach (var path in RepositoryPath().Matches(text).Select(m => m.Groups["path"].Value).Distinct())
                {
                    if (path.Contains("/bin/", StringComparison.Ordinal))
                    {
                        if (!steps.Take(i).Any(s => Script(s)?.Contains("dotnet build", StringComparison.Ordinal) == true))
                        {
                            violations.Add($"{where} uses the build output {path} before any build step.");
                        }
                    }
                    else if (!Exists(path))
                    {
                        violations.Add($"{where} names {path}, which is not in the repository.");
                    }
                }

                foreach (var profile in Profile().Matches(text).Select(m => m.Groups["profile"].Value).Distinct())
                {
                    if (!File.Exists(Path.Combine(repositoryRoot, "Foundation.Database", "Profiles", profile + ".publish.xml")))
                    {
                        violations.Add($"{where} deploys with the profile '{profile}': Foundation.Database/Profiles/{profile}.publish.xml does not exist.");
                    }
                }

                var downloaded = DownloadedArtifacts(job, i);
                violations.AddRange(Artifact().Matches(text).Select(m => m.Groups["artifact"].Value).Distinct().Where(a => !downloaded.Contains(a))
                    .Select(a => $"{where} reads $(Pipeline.Workspace)/{a}, an artifact the job has not downloaded before it."));
            }
        }

        return violations;
    }

    /// <summary>Every artifact a job downloads is published by an earlier stage.</summary>
    public IReadOnlyList<string> ArtifactsPublishedFirst()
    {
        var violations = new List<string>();
        var published = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in model.Stages)
        {
            foreach (var job in JobsOf(stage))
            {
                violations.AddRange(DownloadedArtifacts(job).Where(a => !published.Contains(a))
                    .Select(a => $"{Describe(stage, job)} downloads the artifact {a}, which no earlier stage publishes."));
            }

            published.UnionWith(JobsOf(stage).SelectMany(StepsOf).Select(step => Text(Get(step, "artifact")) is { } a && Get(step, "publish") is not null ? a : null).OfType<string>());
        }

        return violations;
    }

    private static IEnumerable<string> Installs(IDictionary<object, object> step)
    {
        if (Task(step) == "UseDotNet@2")
        {
            yield return "dotnet";
        }

        if (Script(step) is { } script && script.Contains("apt-get install", StringComparison.Ordinal) && script.Contains("mssql-tools18", StringComparison.Ordinal)
            && script.Contains("task.prependpath]/opt/mssql-tools18/bin", StringComparison.Ordinal))
        {
            yield return "sqlcmd";
        }
    }

    private bool Exists(string path)
    {
        var fixedPart = path.Split('*')[0];
        var full = Path.Combine(repositoryRoot, fixedPart);
        return File.Exists(full) || Directory.Exists(full) || (path.Contains('*', StringComparison.Ordinal) && Directory.Exists(Path.GetDirectoryName(full)));
    }

    [GeneratedRegex(@"(?<=\s)--[a-z][a-z-]*")]
    private static partial Regex Option();

    [GeneratedRegex(@"(?<![\w/$.-])(?<path>(?:Foundation\.Database(?:\.Tests)?|tools|\.azure-pipelines)/[^\s""';$]+|Foundation\.sln\b)|(?<=--project\s)(?<path>[^\s""$]+)")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex(@"--profile\s+(?<profile>[\w.-]+)")]
    private static partial Regex Profile();

    [GeneratedRegex(@"\$\(Pipeline\.Workspace\)/(?<artifact>foundation-[\w-]+)")]
    private static partial Regex Artifact();
}
