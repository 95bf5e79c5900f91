using System.CommandLine;

namespace Foundation.Deploy.Cli;

/// <summary>The command line: one <see cref="Command"/> per verb, each bound to one options record and one handler.</summary>
public static class DeployCli
{
    public static async Task<int> RunAsync(string[] args, IConsoleOutput console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        var handlers = new VerbHandlers(console);
        var root = new RootCommand("Foundation.Deploy: plan, publish, roll back and verify deployments of the Foundation dacpac (docs/deployment.md).");

        var connection = new Option<string?>("--connection") { Description = "Server connection string (else FOUNDATION_SQL_CONNECTION, else the profile's). Encrypted; see docs/deployment.md." };
        var database = new Option<string?>("--database") { Description = "Target database (else the profile's TargetDatabaseName)." };
        var profile = new Option<string>("--profile") { Description = "Publish profile name (Foundation.Database/Profiles/<name>.publish.xml) or path.", DefaultValueFactory = _ => "Local" };
        var variable = new Option<string[]>("--variable", "-v") { Description = "SQLCMD variable Name=Value (repeatable).", AllowMultipleArgumentsPerToken = false };
        var allowances = new Option<string?>("--allowances") { Description = "Reviewed allowances file (default Foundation.Database/Profiles/DeploymentAllowances.json)." };
        var allowDataLoss = new Option<string[]>("--allow-data-loss") { Description = "Allow possible data loss on one object, e.g. [Identity].[Users].[Legacy] (repeatable)." };
        var allowRebuild = new Option<string[]>("--allow-rebuild") { Description = "Allow a rebuild of one table, e.g. [Identity].[Users] (repeatable)." };
        var output = new Option<string?>("--out") { Description = "Folder for report.md, report.json, deploy.sql." };
        var artifacts = new Option<string[]>("--artifacts") { Description = "Folder(s) holding released dacpacs (the pipeline's archive). Repeatable." };
        var dacpac = new Option<string?>("--dacpac") { Description = "The dacpac (default: the built Foundation.Database.dacpac)." };

        var source = new Option<string?>("--source") { Description = "The dacpac to deploy (default: the built Foundation.Database.dacpac)." };
        var baseline = new Option<string?>("--baseline") { Description = "Compare with a release baseline: 'latest', a version, or a path." };
        var targetDacpac = new Option<string?>("--target-dacpac") { Description = "Compare with this dacpac (offline)." };
        var live = new Option<bool>("--live") { Description = "Compare with the live database given by --connection/--profile." };
        var rollbackPlan = new Option<bool>("--rollback") { Description = "Plan the rollback: from --source back to the baseline/target dacpac." };
        var plan = new Command("plan", "Plan a deployment and print the deployment report; exit 2 when a human must review it.")
        {
            source, baseline, targetDacpac, live, connection, database, profile, output, variable, allowances, allowDataLoss, allowRebuild, rollbackPlan,
        };
        plan.SetAction((r, ct) => handlers.PlanAsync(
            new PlanOptions(r.GetValue(source), r.GetValue(baseline), r.GetValue(targetDacpac), r.GetValue(live), r.GetValue(connection), r.GetValue(database),
                r.GetValue(profile)!, r.GetValue(output), r.GetValue(variable) ?? [], r.GetValue(allowances), r.GetValue(allowDataLoss) ?? [], r.GetValue(allowRebuild) ?? [],
                r.GetValue(rollbackPlan)),
            ct));

        var releaseVersion = new Option<string?>("--release-version") { Description = "Release version to record (default: the profile's ReleaseVersion, else the dacpac's version)." };
        var force = new Option<bool>("--force") { Description = "Deploy even if the database drifted from the release it records." };
        var expectHash = new Option<string?>("--expect-report-hash") { Description = "Refuse unless the plan's report hash equals this (the reviewed report)." };
        var toVersion = new Option<string?>("--to-version") { Description = "Roll back to this release (its dacpac is looked up in --artifacts and the baselines)." };
        PublishOptions Publish(ParseResult r, bool rollback) => new(
            r.GetValue(dacpac), r.GetValue(connection), r.GetValue(database), r.GetValue(profile)!, r.GetValue(releaseVersion), r.GetValue(variable) ?? [],
            r.GetValue(allowances), r.GetValue(allowDataLoss) ?? [], r.GetValue(allowRebuild) ?? [], r.GetValue(force), r.GetValue(artifacts) ?? [], r.GetValue(output),
            r.GetValue(expectHash), rollback ? r.GetValue(toVersion) : null);

        var publish = new Command("publish", "Deploy the dacpac with a profile, behind the lock, drift, data-loss and rebuild gates; record it.")
        {
            dacpac, connection, database, profile, releaseVersion, variable, allowances, allowDataLoss, allowRebuild, force, artifacts, output, expectHash,
        };
        publish.SetAction((r, ct) => handlers.PublishAsync(Publish(r, rollback: false), ct));

        var rollback = new Command("rollback", "Deploy the previous release's dacpac (--dacpac, --to-version, or from the history), running migration down steps first.")
        {
            dacpac, toVersion, connection, database, profile, releaseVersion, variable, allowances, allowDataLoss, allowRebuild, force, artifacts, output, expectHash,
        };
        rollback.SetAction((r, ct) => handlers.RollbackAsync(Publish(r, rollback: true), ct));

        var top = new Option<int>("--top") { Description = "How many entries.", DefaultValueFactory = _ => 20 };
        InspectOptions Inspect(ParseResult r) => new(r.GetValue(connection), r.GetValue(database), r.GetValue(profile)!, r.GetValue(top), r.GetValue(dacpac), r.GetValue(artifacts) ?? []);
        var history = new Command("history", "List the recorded deployments and rollbacks, newest first.") { connection, database, profile, top };
        history.SetAction((r, ct) => handlers.HistoryAsync(Inspect(r), ct));
        var verify = new Command("verify", "Run the data-validation checks; exit 9 when there are violations.") { connection, database, profile };
        verify.SetAction((r, ct) => handlers.VerifyAsync(Inspect(r), ct));
        var drift = new Command("drift", "Compare the live schema with the dacpac of the release it records (or --dacpac); exit 6 on drift.") { connection, database, profile, dacpac, artifacts };
        drift.SetAction((r, ct) => handlers.DriftAsync(Inspect(r), ct));

        var version = new Option<string>("--version") { Description = "The release version, e.g. 1.0.0.", Required = true };
        var baselineCommand = new Command("baseline", "Keep the built dacpac as the released model of a version (Fixtures/Baselines/<version>) and lock its migrations.")
        {
            version, dacpac, force,
        };
        baselineCommand.SetAction((r, ct) => handlers.Baseline(new BaselineOptions(r.GetValue(version)!, r.GetValue(dacpac), r.GetValue(force))));

        var directory = new Option<string>("--directory") { Description = "The migrations folder.", Required = true };
        var lockFile = new Option<string?>("--lock-file") { Description = "The lock file of released migrations (default <directory>/migrations.lock.json)." };
        var migrationsOut = new Option<string?>("--out") { Description = "Where to write the generated pre/post-deployment includes (omit to validate only)." };
        var migrations = new Command("migrations", "Validate the data-migration graph and generate the deploy-script includes (run by the database build).")
        {
            directory, lockFile, migrationsOut,
        };
        migrations.SetAction((r, ct) => handlers.Migrations(new MigrationsOptions(r.GetValue(directory)!, r.GetValue(lockFile), r.GetValue(migrationsOut))));

        root.Add(plan);
        root.Add(publish);
        root.Add(rollback);
        root.Add(history);
        root.Add(verify);
        root.Add(drift);
        root.Add(baselineCommand);
        root.Add(migrations);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.WriteError(error.Message);
            }

            console.WriteError("Run with --help for the verbs and their options.");
            return (int)ExitCode.InvalidInput;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
    }
}
