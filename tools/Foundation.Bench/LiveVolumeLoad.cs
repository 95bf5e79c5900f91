using Microsoft.Data.SqlClient;

namespace Foundation.Bench;

/// <summary>
/// Fills a freshly deployed database with <see cref="LiveVolume"/>'s tenants, users and assignments (SqlBulkCopy with
/// explicit identities), adds the bench roles, one of them (<see cref="AdminRoleCode"/>) a tenant administrator, and
/// updates statistics with FULLSCAN. The caller switches the security policies off around it and runs it on a session
/// that sees every row (the deployment session).
/// </summary>
public sealed class LiveVolumeLoad(IBenchOutput output)
{
    public const string AdminRoleCode = "BenchTenantAdministrator";

    /// <summary>What the sampled user's role holds: enough to read its tenant's users, assignments and grants, not SuperAdmin.</summary>
    private static readonly string[] _adminPermissions = ["users.read", "assignments.read", "grants.read", "roles.read", "permissions.read", "profile.read"];
    private static readonly DateTime _baseTime = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public async Task LoadAsync(SqlConnection dbo, LiveVolume volume, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var loader = new BulkVolumeLoader(dbo);
        var tenantBase = await LiveCommand.ScalarAsync<int>(dbo, "SELECT ISNULL(MAX([TenantId]), 0) FROM [Tenancy].[Tenants];", "The highest seeded TenantId", cancellation);
        var userBase = await LiveCommand.ScalarAsync<long>(dbo, "SELECT ISNULL(MAX([UserId]), 0) FROM [Identity].[Users];", "The highest seeded UserId", cancellation);
        var assignmentBase = await LiveCommand.ScalarAsync<long>(dbo, "SELECT ISNULL(MAX([UserRoleId]), 0) FROM [Identity].[UserRoles];", "The highest seeded UserRoleId", cancellation);
        var roleBase = await LiveCommand.ScalarAsync<int>(dbo, "SELECT ISNULL(MAX([RoleId]), 0) FROM [Identity].[Roles];", "The highest seeded RoleId", cancellation);

        await loader.LoadAsync("[Identity].[Roles]", LiveVolume.ExtraRoles,
        [
            new("RoleId", typeof(int), n => roleBase + (int)n),
            new("Code", typeof(string), n => $"BenchRole{n:D2}"),
            new("Name", typeof(string), n => $"Bench role {n}"),
            new("Description", typeof(string), _ => "A role the live benchmark assigns."),
            new("IsSystem", typeof(bool), _ => false),
            new("Status", typeof(string), _ => "Active"),
            new("CreatedAt", typeof(DateTime), _ => _baseTime),
        ], cancellation);
        await LiveCommand.ExecuteAsync(
            dbo,
            $"""
            UPDATE [Identity].[Roles] SET [Code] = N'{AdminRoleCode}', [Name] = N'Bench tenant administrator' WHERE [RoleId] = {roleBase + 1};
            INSERT INTO [Identity].[RolePermissions] ([RoleId], [PermissionId])
            SELECT {roleBase + 1}, [PermissionId] FROM [Identity].[Permissions]
            WHERE [Code] IN ({string.Join(", ", _adminPermissions.Select(p => $"'{p}'"))});
            """,
            $"Granting {AdminRoleCode} its permissions",
            LiveCommandTimeouts.StatementSeconds,
            cancellation);
        var roles = await RoleIdsAsync(dbo, cancellation);

        var perTenant = volume.UsersPerTenant;
        int TenantOf(long user) => tenantBase + 1 + (int)((user - 1) / perTenant);
        await loader.LoadAsync("[Tenancy].[Tenants]", volume.Tenants,
        [
            new("TenantId", typeof(int), n => tenantBase + (int)n),
            new("Slug", typeof(string), n => $"bench-tenant-{n:D6}"),
            new("Name", typeof(string), n => $"Bench tenant {n}"),
            new("Status", typeof(string), _ => "Active"),
            new("CreatedAt", typeof(DateTime), _ => _baseTime),
        ], cancellation);
        output.Line($"  loaded {volume.Tenants:N0} tenants");

        await loader.LoadAsync("[Identity].[Users]", volume.Users,
        [
            new("UserId", typeof(long), n => userBase + n),
            new("TenantId", typeof(int), n => TenantOf(n)),
            new("Email", typeof(string), n => $"user{n:D7}@tenant{TenantOf(n):D6}.example.com"),
            new("DisplayName", typeof(string), n => $"User {n}"),
            new("GivenName", typeof(string), n => $"Given{n % 997}"),
            new("FamilyName", typeof(string), n => $"Family{n % 991}"),
            new("Locale", typeof(string), n => n % 3 == 0 ? "de-DE" : "en-US"),
            new("TimeZone", typeof(string), n => n % 3 == 0 ? "Europe/Berlin" : "Etc/UTC"),
            new("Status", typeof(string), n => n % 20 == 0 ? "Suspended" : "Active"),
            new("EmailVerifiedAt", typeof(DateTime), _ => _baseTime.AddHours(1)),
            new("FailedSignInCount", typeof(int), _ => 0),
            new("CreatedAt", typeof(DateTime), _ => _baseTime),
        ], cancellation);
        output.Line($"  loaded {volume.Users:N0} users");

        var per = volume.AssignmentsPerUser;
        long UserOf(long assignment) => (assignment - 1) / per + 1;
        bool Revoked(long assignment) => assignment % 10 == 0;
        await loader.LoadAsync("[Identity].[UserRoles]", volume.Assignments,
        [
            new("UserRoleId", typeof(long), n => assignmentBase + n),
            new("TenantId", typeof(int), n => TenantOf(UserOf(n))),
            new("UserId", typeof(long), n => userBase + UserOf(n)),
            new("RoleId", typeof(int), n => roles[(int)((UserOf(n) + (n - 1) % per) % roles.Count)]),
            new("AssignedAt", typeof(DateTime), _ => _baseTime),
            new("Status", typeof(string), n => Revoked(n) ? "Revoked" : "Active"),
            new("RevokedAt", typeof(DateTime), n => Revoked(n) ? _baseTime.AddDays(1) : null),
        ], cancellation);
        output.Line($"  loaded {volume.Assignments:N0} assignments");

        foreach (var table in new[] { "[Tenancy].[Tenants]", "[Identity].[Users]", "[Identity].[UserRoles]", "[Identity].[Roles]" })
        {
            await LiveCommand.ExecuteAsync(dbo, $"UPDATE STATISTICS {table} WITH FULLSCAN;", $"UPDATE STATISTICS {table} WITH FULLSCAN", LiveCommandTimeouts.StatisticsSeconds, cancellation);
        }
    }

    private static async Task<List<int>> RoleIdsAsync(SqlConnection dbo, CancellationToken cancellation)
    {
        var roles = new List<int>();
        // Tenants' users never hold SuperAdmin (it sees every tenant), so the sampled user is an ordinary tenant user.
        await using var command = new SqlCommand("SELECT [RoleId] FROM [Identity].[Roles] WHERE [Status] = 'Active' AND [Code] <> 'SuperAdmin' ORDER BY [RoleId];", dbo)
        {
            CommandTimeout = LiveCommandTimeouts.StatementSeconds,
        };
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            roles.Add(reader.GetInt32(0));
        }

        return roles.Count >= 3 ? roles : throw new BenchException($"Only {roles.Count} active roles; 3 distinct roles a user are needed.");
    }
}
