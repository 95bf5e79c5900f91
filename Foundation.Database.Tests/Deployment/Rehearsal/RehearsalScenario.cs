namespace Foundation.Database.Tests.Deployment.Rehearsal;

/// <summary>
/// One deployment the rehearsal makes: the release live before (<paramref name="From"/>), the release deployed
/// (<paramref name="To"/>), and the allowances a reviewer gave (objects named as the report names them). Its rollback
/// deploys <paramref name="From"/> over <paramref name="To"/>, with the same rebuild allowances (a rebuild back is a
/// rebuild too) and no data-loss allowance: a rollback may lose only what the release it returns to never had.
/// </summary>
public sealed record RehearsalScenario(string Name, string From, string To, IReadOnlyList<string> AllowDataLoss, IReadOnlyList<string> AllowRebuild)
{
    public static IReadOnlyList<RehearsalScenario> All { get; } =
    [
        new("fresh-database", RehearsalVariants.Empty, RehearsalVariants.Base, [], []),
        new("no-op", RehearsalVariants.Base, RehearsalVariants.Base, [], []),
        new("add-column", RehearsalVariants.Base, RehearsalVariants.Noted, [], []),
        new("add-not-null-column", RehearsalVariants.Base, RehearsalVariants.Coded, [], []),
        new("drop-column-not-allowed", RehearsalVariants.Noted, RehearsalVariants.Base, [], []),
        new("drop-column-allowed", RehearsalVariants.Noted, RehearsalVariants.Base, [Note("Tenancy"), Note("History")], []),
        new("narrow-column", RehearsalVariants.Noted, RehearsalVariants.NarrowNote, [Note("Tenancy"), Note("History")], []),
        new("rebuild-plain-table", RehearsalVariants.Base, RehearsalVariants.JournalRebuilt, [], ["[Deploy].[MigrationJournal]"]),
        new("rebuild-rls-table-not-allowed", RehearsalVariants.Base, RehearsalVariants.UsersRebuilt, [], []),
        new("rebuild-rls-table", RehearsalVariants.Base, RehearsalVariants.UsersRebuilt, [], ["[Identity].[Users]", "[History].[Users]"]),
        new("change-predicate-function", RehearsalVariants.Base, RehearsalVariants.PredicateChanged, [], []),
        new("change-session-context-hash", RehearsalVariants.Base, RehearsalVariants.HashChanged, [], []),
        new("add-migration", RehearsalVariants.Noted, RehearsalVariants.NotedWithMigration, [], []),
        new("add-column-with-migration", RehearsalVariants.Base, RehearsalVariants.NotedWithMigration, [], []),
        new("drop-column-an-unapplied-migration-reads", RehearsalVariants.Noted, RehearsalVariants.BaseWithMigration, [Note("Tenancy"), Note("History")], []),
    ];

    public static RehearsalScenario Named(string name) => All.Single(s => s.Name == name);

    public override string ToString() => Name;

    private static string Note(string schema) => $"[{schema}].[Tenants].[RehearsalNote]";
}
