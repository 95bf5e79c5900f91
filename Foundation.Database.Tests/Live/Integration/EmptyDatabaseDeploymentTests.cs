using Foundation.Database.Tests.Live.Infrastructure;
using Foundation.Deploy;
using Foundation.Deploy.Dacpacs;
using Foundation.Deploy.Publishing;

namespace Foundation.Database.Tests.Live.Integration;

/// <summary>
/// A first deployment into an empty database, through Foundation.Deploy's publisher (what <see cref="LiveDatabase"/>
/// does): the data validation finds nothing, the seeds of the design contract are there, the data migrations are
/// journalled and the deployment is recorded. Baseline→current→rollback with data is in DeploymentLiveTests.
/// </summary>
public sealed class EmptyDatabaseDeploymentTests(LiveDatabase database) : IClassFixture<LiveDatabase>
{
    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task Publish_LeavesNoValidationViolations_WhenTheDatabaseWasEmpty()
    {
        await database.RequireConnectionString();
        var target = LivePublisher.Target(database.Server.RequireMasterConnectionString(), database.Name);

        var violations = await DataValidator.RunAsync(target, TestContext.Current.CancellationToken);

        Assert.True(violations.Count == 0, "Deploy.usp_ValidateData reported:\n" + string.Join('\n', violations));
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task Publish_SeedsTheSystemRolesPermissionsAndGrants_WhenTheDatabaseWasEmpty()
    {
        var connectionString = await database.RequireConnectionString();
        var cancellation = TestContext.Current.CancellationToken;

        var roles = await LiveSql.QueryAsync(connectionString, "SELECT CONCAT([Code], ':', [Status]) FROM [Identity].[Roles] WHERE [IsSystem] = 1 ORDER BY [Code];", cancellation);
        var permissions = await LiveSql.QueryAsync(connectionString, "SELECT [Code] FROM [Identity].[Permissions] WHERE [IsSystem] = 1 ORDER BY [Code];", cancellation);
        var superAdmin = await LiveSql.QueryAsync(connectionString, GrantsOf("SuperAdmin"), cancellation);
        var basicUser = await LiveSql.QueryAsync(connectionString, GrantsOf("BasicUser"), cancellation);

        Assert.Equal(["BasicUser:Active", "SuperAdmin:Active"], roles);
        string[] categories = ["tenants", "users", "roles", "permissions", "assignments", "grants", "audit", "profile"];
        Assert.Equal(categories.Order(StringComparer.Ordinal), permissions.Select(code => code.Split('.')[0]).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(24, permissions.Count); // docs/design-contract.md, "Permission catalogue": 5+5+5+2+2+2+1+2
        Assert.Equal(permissions, superAdmin);
        Assert.Equal(["profile.read", "profile.update"], basicUser);
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task Publish_RecordsOneSucceededDeploymentAndJournalsEveryMigration_WhenTheDatabaseWasEmpty()
    {
        var connectionString = await database.RequireConnectionString();
        using var dacpac = DacpacFile.Open(LiveDacpac.Path);

        var history = await LiveSql.QueryAsync(
            connectionString,
            "SELECT CONCAT([Direction], '|', [Outcome], '|', [DacpacChecksum], '|', [ToolVersion], '|', ISNULL([PreviousVersion], '-')) FROM [Deploy].[SchemaHistory];",
            TestContext.Current.CancellationToken);
        var journal = await LiveSql.QueryAsync(
            connectionString,
            "SELECT CONCAT([MigrationId], '|', IIF([RolledBackAt] IS NULL, 'applied', 'rolled back')) FROM [Deploy].[MigrationJournal] ORDER BY [AppliedOrder];",
            TestContext.Current.CancellationToken);

        Assert.Equal([$"Deploy|Succeeded|{dacpac.ModelChecksum}|{ToolInfo.Description}|-"], history);
        Assert.Equal(dacpac.Migrations.Select(migration => migration.Id + "|applied"), journal);
    }

    private static string GrantsOf(string role) =>
        $"""
        SELECT [p].[Code]
        FROM [Identity].[RolePermissions] AS [rp]
        INNER JOIN [Identity].[Roles] AS [r] ON [r].[RoleId] = [rp].[RoleId]
        INNER JOIN [Identity].[Permissions] AS [p] ON [p].[PermissionId] = [rp].[PermissionId]
        WHERE [r].[Code] = '{role}'
        ORDER BY [p].[Code];
        """;
}
