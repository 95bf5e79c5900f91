using Foundation.Database.Tests.Infrastructure;
using Foundation.Deploy.Migrations;

namespace Foundation.Database.Tests.Deployment;

/// <summary>
/// Every data migration's up and down script fits the schema of the release it ships in: a released migration
/// (in migrations.lock.json) the baseline dacpac of its release, a new one the current build. Later releases may drop
/// what an old migration used; that is why each is checked against its own release.
/// </summary>
public sealed class MigrationReferenceTests
{
    private static string MigrationsDirectory => Path.Combine(RepositoryPaths.DatabaseProjectDirectory, "Migrations");

    private static string BaselineDacpac(string release) =>
        Path.Combine(RepositoryPaths.Root, "Foundation.Database.Tests", "Fixtures", "Baselines", release, "Foundation.Database.dacpac");

    [Fact]
    public void Migrations_ReferenceOnlyWhatTheSchemaOfTheirReleaseHas()
    {
        // Arrange
        var errors = new List<MigrationError>();
        var migrations = MigrationCatalog.Load(MigrationsDirectory, errors);
        var released = MigrationLockFile.Read(Path.Combine(MigrationsDirectory, "migrations.lock.json"), errors).Entries
            .ToDictionary(entry => entry.Id, entry => entry.Release, StringComparer.Ordinal);
        Assert.Empty(errors);
        Assert.NotEmpty(migrations);

        // Act
        var problems = migrations
            .GroupBy(migration => released.TryGetValue(migration.Id, out var release) ? BaselineDacpac(release) : RepositoryPaths.Dacpac)
            .SelectMany(group => MigrationReferenceValidator.Validate(group.Key, group.SelectMany(Scripts).ToList()))
            .ToList();

        // Assert
        Assert.True(problems.Count == 0, "Data migrations that do not fit their schema:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void Validator_NamesTheScriptAndTheMissingColumn_WhenAMigrationReferencesOne()
    {
        // Arrange
        (string, string)[] scripts =
        [
            ("good.up.sql", "UPDATE [Identity].[Users] SET [DisplayName] = [Email] WHERE [DisplayName] IS NULL;"),
            ("bad.up.sql", "UPDATE [Identity].[Users] SET [NickName] = [Email];"),
        ];

        // Act
        var problems = MigrationReferenceValidator.Validate(RepositoryPaths.Dacpac, scripts);

        // Assert
        var problem = Assert.Single(problems);
        Assert.StartsWith("bad.up.sql: ", problem, StringComparison.Ordinal);
        Assert.Contains("unresolved reference", problem, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("[NickName]", problem, StringComparison.Ordinal);
    }

    private static IEnumerable<(string Name, string Sql)> Scripts(Migration migration)
    {
        yield return (Path.GetFileName(migration.UpPath), migration.UpScript);
        if (migration.DownScript is not null)
        {
            yield return (Path.GetFileName(migration.DownPath!), migration.DownScript);
        }
    }
}
