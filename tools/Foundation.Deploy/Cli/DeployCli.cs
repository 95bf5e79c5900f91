using System.CommandLine;
using System.CommandLine.Parsing;

namespace Foundation.Deploy.Cli;

/// <summary>
/// The command line: one <see cref="Command"/> per verb, each bound to one options record and one handler. Options
/// carry their own validation (<see cref="CliOptions"/>) and each verb refuses conflicting options, so bad input is
/// reported, with the option named, before a verb starts. <c>--help</c> on the tool or any verb lists the exit codes.
/// </summary>
public static class DeployCli
{
    public static async Task<int> RunAsync(string[] args, IConsoleOutput console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var handlers = new VerbHandlers(console);
        using var progress = ToolProgress.Use(console);
        using var output = new ConsoleTextWriter(console.WriteLine);
        using var errors = new ConsoleTextWriter(console.WriteError);
        try
        {
            var root = Build(handlers);
            if (args.Length == 0)
            {
                console.WriteError("No verb given: say what to do, e.g. 'plan --baseline latest'. The verbs and exit codes:");
                await root.Parse(["--help"]).InvokeAsync(Invocation(null, output, errors), cancellationToken).ConfigureAwait(false);
                return (int)ExitCode.InvalidInput;
            }

            var parse = root.Parse(args);
            if (parse.Errors.Count > 0 && parse.Action is not ExitCodeHelp)
            {
                // "Required command was not provided" says least: an unrecognised token, if any, goes first.
                foreach (var error in parse.Errors.OrderBy(e => e.Message.StartsWith("Required command", StringComparison.Ordinal)))
                {
                    console.WriteError(error.Message);
                }

                console.WriteError(parse.CommandResult.Command is RootCommand
                    ? "Run with --help for the verbs and exit codes."
                    : $"Run '{parse.CommandResult.Command.Name} --help' for its options and the exit codes.");
                return (int)ExitCode.InvalidInput;
            }

            return await parse.InvokeAsync(Invocation(parse.CommandResult.Command.Name, output, errors), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            handlers.Unexpected(ex);
            return (int)ExitCode.Failure;
        }
    }

    /// <summary>
    /// How long publish and rollback may take to finish after Ctrl+C or SIGTERM. System.CommandLine cancels the verb's
    /// token, then, if the verb has not returned within <see cref="InvocationConfiguration.ProcessTerminationTimeout"/>
    /// (two seconds by default), completes the invocation with exit code 130/143 and the process ends, whatever the verb
    /// was doing. A cancelled deployment must first let the server roll back and then record the failure
    /// (<see cref="Publishing.DeploymentRecorder.CommandTimeoutSeconds"/>), so these two verbs get that long and a minute
    /// more; the other verbs change nothing and keep the default.
    /// </summary>
    public static TimeSpan DeploymentTerminationGrace { get; } = TimeSpan.FromSeconds(Publishing.DeploymentRecorder.CommandTimeoutSeconds + 60);

    /// <summary>The invocation settings of a run of <paramref name="verb"/>: no default exception handler, the console's writers, and its grace after Ctrl+C.</summary>
    public static InvocationConfiguration Invocation(string? verb, TextWriter output, TextWriter errors)
    {
        var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = errors };
        if (verb is "publish" or "rollback")
        {
            invocation.ProcessTerminationTimeout = DeploymentTerminationGrace;
        }

        return invocation;
    }

    private static RootCommand Build(VerbHandlers handlers)
    {
        var root = new RootCommand("Foundation.Deploy: plan, publish, roll back and verify deployments of the Foundation dacpac (docs/deployment.md).")
        {
            // The same name in help whether run as the tool or in-process by the tests.
            HelpName = "Foundation.Deploy",
        };
        root.Add(PlanCommand(handlers));
        root.Add(PublishCommand(handlers, rollback: false));
        root.Add(PublishCommand(handlers, rollback: true));
        root.Add(InspectCommand(handlers, "history"));
        root.Add(InspectCommand(handlers, "verify"));
        root.Add(InspectCommand(handlers, "drift"));
        root.Add(BaselineCommand(handlers));
        root.Add(MigrationsCommand(handlers));
        root.Add(SchemaCommand(handlers));
        ExitCodeHelp.Install(root);
        return root;
    }

    private static Command PlanCommand(VerbHandlers handlers)
    {
        var source = CliOptions.ExistingFile("--source", "The dacpac to deploy (default: the built Foundation.Database/bin/Debug/Foundation.Database.dacpac).", "dacpac");
        var baseline = CliOptions.Text("--baseline", "Compare with a release baseline: 'latest' (default), a version, or the path of a dacpac.", 4095, BaselineProblem, "latest|version|path");
        var targetDacpac = CliOptions.ExistingFile("--target-dacpac", "Compare with this dacpac (offline).", "dacpac");
        var live = new Option<bool>("--live") { Description = "Compare with the live database given by --connection/--database/--profile (adds table sizes)." };
        var connection = CliOptions.Connection();
        var database = CliOptions.Database();
        var profile = CliOptions.Profile();
        var output = CliOptions.OutputFolder("--out", "Folder to write report.md, report.json, deploy.sql and dacfx-report.xml into (the report is printed first either way).");
        var variable = CliOptions.Variables();
        var allowances = Allowances();
        var allowDataLoss = AllowDataLoss();
        var allowRebuild = AllowRebuild();
        var rollback = new Option<bool>("--rollback") { Description = "Plan the rollback: deploy the baseline/--target-dacpac back onto --source." };
        var allowOther = AllowOtherDatabase();
        var plan = new Command("plan", "Plan a deployment and print its report (stdout); exit 2 when a human must review it. Offline unless --live.")
        {
            source, baseline, targetDacpac, live, connection, database, profile, output, variable, allowances, allowDataLoss, allowRebuild, rollback, allowOther,
        };
        plan.Validators.Add(result =>
        {
            var given = new[] { baseline, (Option)targetDacpac, live }.Where(o => Given(result, o)).Select(o => o.Name).ToList();
            if (given.Count > 1)
            {
                result.AddError($"{string.Join(" and ", given)} cannot be combined: a plan compares with one target (a baseline, a dacpac, or the live database).");
            }

            foreach (var onlyLive in new Option[] { connection, database }.Where(o => Given(result, o) && !Given(result, live)))
            {
                result.AddError($"{onlyLive.Name} applies only with --live (an offline plan compares two dacpacs and connects to nothing).");
            }
        });
        plan.SetAction((r, ct) => handlers.PlanAsync(
            new PlanOptions(r.GetValue(source), r.GetValue(baseline), r.GetValue(targetDacpac), r.GetValue(live), r.GetValue(connection), r.GetValue(database),
                r.GetValue(profile)!, r.GetValue(output), r.GetValue(variable) ?? [], r.GetValue(allowances), r.GetValue(allowDataLoss) ?? [], r.GetValue(allowRebuild) ?? [],
                r.GetValue(rollback), r.GetValue(allowOther)),
            ct));
        return plan;
    }

    private static Command PublishCommand(VerbHandlers handlers, bool rollback)
    {
        var dacpac = CliOptions.ExistingFile(
            "--dacpac",
            rollback
                ? "The earlier release's dacpac to deploy (default: found by --to-version, else the release before the current one in Deploy.SchemaHistory, in --artifacts and the baselines)."
                : "The dacpac to deploy (default: the built Foundation.Database/bin/Debug/Foundation.Database.dacpac).",
            "dacpac");
        var toVersion = CliOptions.Text("--to-version", "Roll back to this release: its dacpac is looked up in --artifacts and the baselines.", 64, CliOptions.LookupVersionProblem, "version");
        var connection = CliOptions.Connection();
        var database = CliOptions.Database();
        var profile = CliOptions.Profile();
        var releaseVersion = CliOptions.Text("--release-version", "Release version to record (default: the profile's ReleaseVersion, else the dacpac's version).", 64, CliOptions.RecordedVersionProblem, "version");
        var variable = CliOptions.Variables();
        var allowances = Allowances();
        var allowDataLoss = AllowDataLoss();
        var allowRebuild = AllowRebuild();
        var force = new Option<bool>("--force") { Description = "Deploy even if the database drifted from the release it records (skips the drift gate, loudly)." };
        var artifacts = Artifacts();
        var output = CliOptions.OutputFolder("--out", "Folder for report.md, report.json, deploy.sql (default: artifacts/deployments/<time>-<database>-<direction>).");
        var expectHash = CliOptions.Text("--expect-report-hash", "Refuse unless the plan's report hash equals this (the reviewed report.json's \"hash\").", 64, CliOptions.ReportHashProblem, "hash");
        var allowOther = AllowOtherDatabase();
        var command = rollback
            ? new Command("rollback", "Deploy an earlier release's dacpac (--dacpac, --to-version, or the previous one in the history) through the same gates, down steps first.")
            {
                dacpac, toVersion, connection, database, profile, releaseVersion, variable, allowances, allowDataLoss, allowRebuild, force, artifacts, output, expectHash, allowOther,
            }
            : new Command("publish", "Deploy the dacpac with a profile behind the lock, drift, data-loss and rebuild gates; record it; validate the data.")
            {
                dacpac, connection, database, profile, releaseVersion, variable, allowances, allowDataLoss, allowRebuild, force, artifacts, output, expectHash, allowOther,
            };
        if (rollback)
        {
            command.Validators.Add(result =>
            {
                if (Given(result, dacpac) && Given(result, toVersion))
                {
                    result.AddError("--dacpac and --to-version cannot be combined: give the dacpac to roll back to, or the release to look it up by.");
                }
            });
        }

        command.SetAction((r, ct) =>
        {
            var options = new PublishOptions(
                r.GetValue(dacpac), r.GetValue(connection), r.GetValue(database), r.GetValue(profile)!, r.GetValue(releaseVersion), r.GetValue(variable) ?? [],
                r.GetValue(allowances), r.GetValue(allowDataLoss) ?? [], r.GetValue(allowRebuild) ?? [], r.GetValue(force), r.GetValue(artifacts) ?? [], r.GetValue(output),
                r.GetValue(expectHash), rollback ? r.GetValue(toVersion) : null, r.GetValue(allowOther));
            return rollback ? handlers.RollbackAsync(options, ct) : handlers.PublishAsync(options, ct);
        });
        return command;
    }

    private static Command InspectCommand(VerbHandlers handlers, string verb)
    {
        var connection = CliOptions.Connection();
        var database = CliOptions.Database();
        var profile = CliOptions.Profile();
        var top = CliOptions.Top();
        var dacpac = CliOptions.ExistingFile("--dacpac", "Compare with this dacpac (default: the dacpac of the release the database records, found by model checksum in --artifacts, artifacts/deployed and the baselines).", "dacpac");
        var artifacts = Artifacts();
        var allowOther = AllowOtherDatabase();
        var command = verb switch
        {
            "history" => new Command("history", "List the recorded deployments and rollbacks, newest first (reads only; retried on transient errors).") { connection, database, profile, top },
            "verify" => new Command("verify", "Run the data-validation checks (Deploy.usp_ValidateData); exit 9 when there are violations.") { connection, database, profile },
            _ => new Command("drift", "Compare the live schema with the dacpac of the release it records (or --dacpac); exit 6 on drift.") { connection, database, profile, dacpac, artifacts, allowOther },
        };
        command.SetAction((r, ct) =>
        {
            var options = new InspectOptions(r.GetValue(connection), r.GetValue(database), r.GetValue(profile)!, r.GetValue(top), r.GetValue(dacpac), r.GetValue(artifacts) ?? [], r.GetValue(allowOther));
            return verb switch
            {
                "history" => handlers.HistoryAsync(options, ct),
                "verify" => handlers.VerifyAsync(options, ct),
                _ => handlers.DriftAsync(options, ct),
            };
        });
        return command;
    }

    private static Command BaselineCommand(VerbHandlers handlers)
    {
        var version = CliOptions.Text("--version", "The release version, a semantic version such as 1.2.0 (it names the folder Fixtures/Baselines/<version>).", 64, CliOptions.SemanticVersionProblem, "version");
        version.Required = true;
        var dacpac = CliOptions.ExistingFile("--dacpac", "The dacpac to keep (default: the built Foundation.Database/bin/Debug/Foundation.Database.dacpac).", "dacpac");
        var force = new Option<bool>("--force") { Description = "Replace an existing baseline of that version (a released baseline normally never changes)." };
        var command = new Command("baseline", "At release: keep the built dacpac as the released model of a version (Fixtures/Baselines/<version>) and lock its migrations.")
        {
            version, dacpac, force,
        };
        command.SetAction((r, _) => handlers.Baseline(new BaselineOptions(r.GetValue(version)!, r.GetValue(dacpac), r.GetValue(force))));
        return command;
    }

    private static Command MigrationsCommand(VerbHandlers handlers)
    {
        var directory = CliOptions.ExistingFolder("--directory", "The migrations folder (Foundation.Database/Migrations).");
        directory.Required = true;
        var lockFile = CliOptions.ExistingFile("--lock-file", "The lock file of released migrations (default: <directory>/migrations.lock.json when it exists).", "lock file");
        var output = CliOptions.OutputFolder("--out", "Where to write the generated pre/post-deployment includes (omit to validate only).");
        var command = new Command("migrations", "Validate the data-migration graph and generate the deploy-script includes (the database build runs it).")
        {
            directory, lockFile, output,
        };
        command.SetAction((r, _) => handlers.Migrations(new MigrationsOptions(r.GetValue(directory)!, r.GetValue(lockFile), r.GetValue(output))));
        return command;
    }

    private static Command SchemaCommand(VerbHandlers handlers)
    {
        var dacpac = CliOptions.ExistingFile("--dacpac", "The dacpac whose model to draw (default: the built Foundation.Database/bin/Debug/Foundation.Database.dacpac).", "dacpac");
        var output = CliOptions.OutputFile("--out", "The Markdown file to write (docs/schema.md); omit to print it.");
        var command = new Command("schema", $"Write the schema page (tables, keys and a Mermaid ER diagram) from the model; regenerate docs/schema.md with: {Reporting.SchemaDocument.RegenerateCommand}")
        {
            dacpac, output,
        };
        command.SetAction((r, _) => handlers.Schema(new SchemaOptions(r.GetValue(dacpac), r.GetValue(output))));
        return command;
    }

    private static Option<string?> Allowances() =>
        CliOptions.ExistingFile("--allowances", "Reviewed allowances file (default: Foundation.Database/Profiles/DeploymentAllowances.json).", "allowances file");

    private static Option<string[]> AllowDataLoss() =>
        CliOptions.ObjectNames("--allow-data-loss", "Allow possible data loss on one object, e.g. [Identity].[Users].[Legacy] (repeatable).", 2, 3);

    private static Option<string[]> AllowRebuild() =>
        CliOptions.ObjectNames("--allow-rebuild", "Allow a rebuild of one table, e.g. [Identity].[Users] (repeatable).", 2, 2);

    private static Option<string[]> Artifacts() =>
        CliOptions.ExistingFolders("--artifacts", "Folder holding released dacpacs (the pipeline's archive), searched by checksum or <version>/ (repeatable).");

    private static Option<bool> AllowOtherDatabase() =>
        new("--allow-other-database") { Description = $"Accept a dacpac whose package is not {Dacpacs.DacpacFile.FoundationName} (refused by default: it would replace Foundation's objects)." };

    private static string? BaselineProblem(string value)
    {
        if (value == "latest")
        {
            return null;
        }

        var looksLikePath = value.Contains('/', StringComparison.Ordinal) || value.Contains('\\', StringComparison.Ordinal) || value.EndsWith(".dacpac", StringComparison.OrdinalIgnoreCase);
        return looksLikePath ? PathChecks.FileProblem(value, "dacpac")
            : File.Exists(value) || Dacpacs.ReleaseVersion.IsLookup(value) ? null
            : $"'{value}' is not 'latest', a release version (e.g. 1.0.0) or the path of a dacpac.";
    }

    private static bool Given(CommandResult result, Option option) => result.GetResult(option) is { Implicit: false };
}
