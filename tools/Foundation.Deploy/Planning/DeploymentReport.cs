namespace Foundation.Deploy.Planning;

/// <summary>
/// The reviewed description of one planned deployment: every operation with its impact class, the data-loss alerts
/// (with the object each names and whether it is allowed), table rebuilds, index builds, RLS policies dropped and
/// recreated, data migrations in run order, live table sizes, and the reasons a human must review it. Written as
/// Markdown and JSON; <see cref="Hash"/> identifies it in Deploy.SchemaHistory.
/// </summary>
public sealed class DeploymentReport
{
    public required DeploymentDirection Direction { get; init; }

    public required PackageDescription Source { get; init; }

    public required TargetDescription Target { get; init; }

    public required string ToolVersion { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    public required IReadOnlyList<PlannedOperation> Operations { get; init; }

    public required IReadOnlyList<DataLossAlert> DataLoss { get; init; }

    /// <summary>DacFx alerts other than data loss (e.g. DataMotion), as DacFx words them.</summary>
    public required IReadOnlyList<string> OtherAlerts { get; init; }

    public required IReadOnlyList<TableRebuild> TableRebuilds { get; init; }

    public required IReadOnlyList<RlsPolicyChange> RlsChanges { get; init; }

    public required IReadOnlyList<PlannedMigration> Migrations { get; init; }

    public required IReadOnlyList<TableSize> TableSizes { get; init; }

    /// <summary>Notes for the reviewer that are not gates (e.g. the script could not be analysed).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>Presentation: the profile and the deploy options that decide what happens to data and objects.</summary>
    public ProfileDescription Profile { get; init; } = ProfileDescription.None;

    /// <summary>Every allowance the plan was made with (file entries and command-line ones).</summary>
    public IReadOnlyList<DeploymentAllowances.Entry> Allowances { get; init; } = [];

    /// <summary>Allowances that match no data-loss alert or rebuild of this plan: stale or misspelt; publish refuses them.</summary>
    public IReadOnlyList<DeploymentAllowances.Entry> UnusedAllowances =>
        DeploymentAllowances.Unused(Allowances, DataLoss.Select(a => a.ObjectName), TableRebuilds.Select(r => r.Table));

    /// <summary>Presentation: the tables the deployment changes (and their foreign-key neighbours), for the ER diagram; null when not drawn.</summary>
    public Reporting.SchemaGraph? ChangedTables { get; set; }

    /// <summary>SHA-256 of the script that runs (<c>deploy.sql</c>) without its <c>:setvar</c> lines; part of <see cref="Hash"/>.</summary>
    public string ScriptHash { get; init; } = string.Empty;

    /// <summary>SHA-256 of the report's content and of the script that runs (not of the timestamp or live sizes): the same plan gives the same hash.</summary>
    public string Hash { get; set; } = string.Empty;

    public IEnumerable<PlannedOperation> IndexBuilds => Operations.Where(o => o.Online is not null);

    public ImpactClass OverallImpact => Operations.Count == 0 ? ImpactClass.MetadataOnly : Operations.Max(o => o.Impact);

    /// <summary>What publish would refuse (each must be allowed or fixed): unallowed data loss, unallowed rebuilds, missing down steps.</summary>
    public IReadOnlyList<string> GateRefusals
    {
        get
        {
            var refusals = new List<string>();
            refusals.AddRange(DataLoss.Where(a => !a.IsAllowed).Select(a => $"Possible data loss on {a.ObjectName} is not allowed: {a.Message}"));
            refusals.AddRange(TableRebuilds.Where(r => r.AllowedBy is null).Select(r => r.UnderRowLevelSecurity
                ? $"Table rebuild of {r.Table} (under row-level security) is not allowed."
                : $"Table rebuild of {r.Table} is not allowed."));
            refusals.AddRange(Migrations.Where(m => m.Refusal is not null).Select(m => m.Refusal!));
            // A forward deployment refuses a stale or misspelt allowance. A rollback does not: the reviewed allowances file
            // holds the forward release's entries, which a rollback never matches, and refusing them would refuse the
            // rollback exactly when it is needed (the report still lists them as unused).
            if (Direction == DeploymentDirection.Deploy)
            {
                refusals.AddRange(UnusedAllowances.Select(a =>
                    $"The allowance of {(a.Allows == DeploymentAllowances.Kind.DataLoss ? "data loss on" : "a rebuild of")} {a.ObjectName} ({a.Source}) matches nothing in this plan: remove it, or fix the object name."));
            }
            return refusals;
        }
    }

    /// <summary>Why a human must look at this plan before it runs (empty: safe to run unattended).</summary>
    public IReadOnlyList<string> ReviewReasons
    {
        get
        {
            var reasons = new List<string>();
            if (DataLoss.Count > 0)
            {
                reasons.Add($"{DataLoss.Count} possible data loss alert(s) ({DataLoss.Count(a => !a.IsAllowed)} not allowed).");
            }

            if (TableRebuilds.Count > 0)
            {
                reasons.Add($"{TableRebuilds.Count} table rebuild(s).");
            }

            var blocking = Operations.Count(o => o.Impact == ImpactClass.Blocking);
            if (blocking > 0)
            {
                reasons.Add($"{blocking} blocking operation(s).");
            }

            var sizeOfData = Operations.Count(o => o.Impact == ImpactClass.SizeOfData);
            if (sizeOfData > 0)
            {
                reasons.Add($"{sizeOfData} size-of-data operation(s).");
            }

            var unprotected = RlsChanges.Count(c => c.Change is RlsPolicyChange.DroppedAndRecreated or RlsPolicyChange.Dropped);
            if (unprotected > 0)
            {
                reasons.Add($"{unprotected} row-level security polic(y/ies) dropped during the deployment (the covered tables are blocked until it commits).");
            }

            var down = Migrations.Count(m => m.Direction == PlannedMigration.Down);
            if (down > 0)
            {
                reasons.Add($"{down} data migration(s) rolled back.");
            }

            var unused = UnusedAllowances.Count;
            if (unused > 0)
            {
                reasons.Add($"{unused} allowance(s) match nothing in this plan.");
            }

            if (OtherAlerts.Count > 0)
            {
                reasons.Add($"{OtherAlerts.Count} other DacFx alert(s).");
            }

            return reasons;
        }
    }

    public bool RequiresReview => ReviewReasons.Count > 0;

    /// <summary>The profile a plan was made with (null name: no profile, DacFx's defaults) and its options as name/value pairs.</summary>
    public sealed record ProfileDescription(string? Name, IReadOnlyList<KeyValuePair<string, string>> KeyOptions, IReadOnlyList<KeyValuePair<string, string>> OtherNonDefaultOptions)
    {
        public static ProfileDescription None { get; } = new(null, [], []);
    }

    /// <summary>
    /// A table rebuild and who allowed it (null: not allowed). Under row-level security, the tool deploys it with
    /// AllowUnsafeRowLevelSecurityDataMovement and counts the table's rows before and after, where no predicate applies.
    /// </summary>
    public sealed record TableRebuild(string Table, string? AllowedBy, bool UnderRowLevelSecurity = false);

    /// <summary>The dacpac being deployed.</summary>
    public sealed record PackageDescription(string Path, string Name, string Version, string Checksum);

    /// <summary>What it is deployed onto: another dacpac (offline) or a live database, and the release it records.</summary>
    public sealed record TargetDescription(string Kind, string Description, string? RecordedVersion, string? RecordedChecksum)
    {
        public const string DacpacKind = "dacpac";
        public const string DatabaseKind = "database";
    }
}
