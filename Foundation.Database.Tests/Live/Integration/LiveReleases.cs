using Foundation.Database.Tests.Deployment.Rehearsal;
using Foundation.Database.Tests.Live.Infrastructure;
using Foundation.Deploy.Migrations;

namespace Foundation.Database.Tests.Live.Integration;

/// <summary>
/// The releases the live deployment tests deploy, built in process from the project (the rehearsal's
/// <see cref="VariantDacpacBuilder"/>) only when a server is there to deploy them:
/// <list type="bullet">
/// <item><see cref="Current"/>: the release under test (the built dacpac, or the shipped one);</item>
/// <item><see cref="Next"/>: a second release that differs from it as a real one would: a column on the temporal,
/// RLS-protected [Tenancy].[Tenants] and a data migration that fills it, with an exact down step;</item>
/// <item><see cref="FailsInsideTheSchemaChange"/>: a release whose predicate change makes DacFx drop and recreate the
/// tenant policy, and whose new unique index on tenant names fails on the seeded data in between;</item>
/// <item><see cref="FailsAfterTheSchemaChange"/>: <see cref="Next"/> with a second migration that fails, so the
/// deployment fails in the post-deployment script, after its schema change committed.</item>
/// </list>
/// </summary>
public static class LiveReleases
{
    public static readonly Migration FailingMigration = new(
        "9002-rehearsal-fails",
        "Live test: a migration that fails, after the schema change committed.",
        [RehearsalVariants.RehearsalMigration.Id],
        "THROW 50999, N'Injected failure: migration 9002 fails on purpose.', 1;",
        "PRINT N'nothing to undo';",
        "9002-rehearsal-fails.up.sql",
        "9002-rehearsal-fails.down.sql");

    private static readonly Lazy<(VariantDacpacBuilder Builder, string Next, string FailsInside, string FailsAfter)> _built = new(Build);

    /// <summary>The release under test: FOUNDATION_DACPAC (the pipeline's shipped artifact) or the built dacpac (<see cref="LiveDacpac"/>).</summary>
    public static string Current => LiveDacpac.Path;

    public static string Next => _built.Value.Next;

    public static string FailsInsideTheSchemaChange => _built.Value.FailsInside;

    public static string FailsAfterTheSchemaChange => _built.Value.FailsAfter;

    /// <summary>The folder that holds the built releases (an artifact folder for the drift gate).</summary>
    public static string Folder => _built.Value.Builder.Folder;

    private static (VariantDacpacBuilder, string, string, string) Build()
    {
        var builder = new VariantDacpacBuilder(RehearsalVariants.EditedFiles);
        var migrations = DeploymentScriptSources.RepositoryMigrations();
        string Note(string text, string table) => ScriptEdits.AddColumnLast(text, table, "[RehearsalNote] NVARCHAR(100) NULL");
        var noted = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [RehearsalVariants.Tenants] = Note(builder.SourceOf(RehearsalVariants.Tenants), "[Tenancy].[Tenants]"),
            [RehearsalVariants.TenantsHistory] = Note(builder.SourceOf(RehearsalVariants.TenantsHistory), "[History].[Tenants]"),
        };
        var next = builder.Build("next", noted, [.. migrations, RehearsalVariants.RehearsalMigration]);
        var failsAfter = builder.Build("fails-after", noted, [.. migrations, RehearsalVariants.RehearsalMigration, FailingMigration]);
        var failsInside = builder.Build(
            "fails-inside",
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [RehearsalVariants.Predicate] = ScriptEdits.CommentFunctionBody(builder.SourceOf(RehearsalVariants.Predicate), "live test: changed predicate"),
                [RehearsalVariants.Tenants] = builder.SourceOf(RehearsalVariants.Tenants)
                    + "\nGO\nCREATE UNIQUE NONCLUSTERED INDEX [UQ_Tenancy_Tenants_Name] ON [Tenancy].[Tenants] ([Name]);\n",
            },
            migrations);
        return (builder, next, failsInside, failsAfter);
    }
}
