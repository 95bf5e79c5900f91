using Foundation.Deploy.Migrations;

namespace Foundation.Database.Tests.Deployment.Rehearsal;

/// <summary>
/// The releases the rehearsal deploys over one another: the project as it is, and the project with one kind of change
/// each, made on the real tables and functions (a column on the temporal, RLS-protected [Tenancy].[Tenants], a column
/// inserted first in [Identity].[Users] and in the plain [Deploy].[MigrationJournal], a body change of a predicate
/// function and of [Security].[fn_SessionContextHash]) and one extra data migration with a down step.
/// </summary>
public static class RehearsalVariants
{
    public const string Empty = "empty";
    public const string Base = "base";
    public const string Noted = "noted";
    public const string Coded = "coded";
    public const string NarrowNote = "narrow-note";
    public const string JournalRebuilt = "journal-rebuilt";
    public const string UsersRebuilt = "users-rebuilt";
    public const string PredicateChanged = "predicate-changed";
    public const string HashChanged = "hash-changed";
    public const string NotedWithMigration = "noted-with-migration";
    public const string BaseWithMigration = "base-with-migration";

    public const string Tenants = "Tenancy/Tables/Tenants.sql";
    public const string TenantsHistory = "History/Tables/Tenants.sql";
    public const string Users = "Identity/Tables/Users.sql";
    public const string UsersHistory = "History/Tables/Users.sql";
    public const string Journal = "Deploy/Tables/MigrationJournal.sql";
    public const string Predicate = "Security/Functions/fn_TenantAccessPredicate.sql";
    public const string SessionHash = "Security/Functions/fn_SessionContextHash.sql";

    /// <summary>The migration the rehearsal adds: it reads and writes the rehearsal's column, with an exact down step.</summary>
    public static Migration RehearsalMigration { get; } = new(
        "9001-rehearsal-fill-notes",
        "Rehearsal: give tenants without a note their name as note.",
        [],
        "UPDATE [Tenancy].[Tenants] SET [RehearsalNote] = [Name] WHERE [RehearsalNote] IS NULL;",
        "UPDATE [Tenancy].[Tenants] SET [RehearsalNote] = NULL WHERE [RehearsalNote] = [Name];",
        "9001-rehearsal-fill-notes.up.sql",
        "9001-rehearsal-fill-notes.down.sql");

    /// <summary>The files some variant edits.</summary>
    public static IReadOnlyList<string> EditedFiles { get; } = [Tenants, TenantsHistory, Users, UsersHistory, Journal, Predicate, SessionHash];

    /// <summary>Each variant: its edits (file, edit) and whether it carries <see cref="RehearsalMigration"/>.</summary>
    public static IReadOnlyDictionary<string, (IReadOnlyList<(string File, Func<string, string> Edit)> Edits, bool WithMigration)> All { get; } =
        new Dictionary<string, (IReadOnlyList<(string, Func<string, string>)>, bool)>
        {
            [Base] = ([], false),
            [Noted] = (Note("NVARCHAR(100)"), false),
            [Coded] =
            (
                [
                    (Tenants, s => ScriptEdits.AddColumnLast(s, "[Tenancy].[Tenants]", "[RehearsalCode] INT NOT NULL CONSTRAINT [DF_Tenancy_Tenants_RehearsalCode] DEFAULT (0)")),
                    (TenantsHistory, s => ScriptEdits.AddColumnLast(s, "[History].[Tenants]", "[RehearsalCode] INT NOT NULL CONSTRAINT [DF_History_Tenants_RehearsalCode] DEFAULT (0)")),
                ],
                false
            ),
            [NarrowNote] = (Note("NVARCHAR(50)"), false),
            [JournalRebuilt] = ([(Journal, s => ScriptEdits.AddColumnFirst(s, "[Deploy].[MigrationJournal]", "[RehearsalNote] NVARCHAR(100) NULL"))], false),
            [UsersRebuilt] =
            (
                [
                    (Users, s => ScriptEdits.AddColumnFirst(s, "[Identity].[Users]", "[RehearsalNote] NVARCHAR(100) NULL")),
                    (UsersHistory, s => ScriptEdits.AddColumnFirst(s, "[History].[Users]", "[RehearsalNote] NVARCHAR(100) NULL")),
                ],
                false
            ),
            [PredicateChanged] = ([(Predicate, s => ScriptEdits.CommentFunctionBody(s, "rehearsal: changed predicate"))], false),
            [HashChanged] = ([(SessionHash, s => ScriptEdits.CommentFunctionBody(s, "rehearsal: changed context hash"))], false),
            [NotedWithMigration] = (Note("NVARCHAR(100)"), true),
            [BaseWithMigration] = ([], true),
        };

    private static IReadOnlyList<(string, Func<string, string>)> Note(string type) =>
    [
        (Tenants, s => ScriptEdits.AddColumnLast(s, "[Tenancy].[Tenants]", $"[RehearsalNote] {type} NULL")),
        (TenantsHistory, s => ScriptEdits.AddColumnLast(s, "[History].[Tenants]", $"[RehearsalNote] {type} NULL")),
    ];
}
