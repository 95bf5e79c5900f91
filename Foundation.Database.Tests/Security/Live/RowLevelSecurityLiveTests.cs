using Foundation.Database.Tests.Live.Infrastructure;
using Microsoft.Data.SqlClient;

namespace Foundation.Database.Tests.Security.Live;

/// <summary>
/// Row-level security, the session procedure and the role grants against a real SQL Server (skipped, with the reason,
/// where none is reachable). Each test opens its own unpooled connections, so session contexts never leak between them.
/// </summary>
public sealed class RowLevelSecurityLiveTests(SecurityScenario scenario) : IClassFixture<SecurityScenario>
{
    private const int BlockPredicateViolation = 33504;
    private const int ReadOnlyKey = 15664;
    private const int PermissionDenied = 230;

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task TenantA_CannotReadTenantBsUsers_EvenWhenAskingForThem()
    {
        await using var connection = await scenario.OpenSessionAsync("app_user", scenario.AdminA);

        var own = await SecurityScenario.IdsAsync(connection, $"EXECUTE [Api].[usp_ListUsers] @TenantId = {scenario.TenantA};");
        var other = await SecurityScenario.IdsAsync(connection, $"EXECUTE [Api].[usp_ListUsers] @TenantId = {scenario.TenantB};");

        Assert.Contains(scenario.BasicA, own);
        Assert.Empty(other);
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task TenantA_CannotInsertUpdateOrDeleteTenantBsRows()
    {
        await using var connection = await scenario.OpenSessionAsync("writer_user", scenario.AdminA);

        var insert = await Assert.ThrowsAsync<SqlException>(() => SecurityScenario.ExecuteAsync(connection,
            $"INSERT INTO [Identity].[Users] ([TenantId], [Email], [Status]) VALUES ({scenario.TenantB}, N'intruder@b.example', 'Active');"));
        var updated = await SecurityScenario.ScalarAsync<int>(connection,
            $"UPDATE [Identity].[Users] SET [DisplayName] = N'Hijacked' WHERE [UserId] = {scenario.UserB}; SELECT @@ROWCOUNT;");
        var deleted = await SecurityScenario.ScalarAsync<int>(connection,
            $"DELETE FROM [Identity].[UserRoles] WHERE [TenantId] = {scenario.TenantB}; SELECT @@ROWCOUNT;");
        var moved = await Assert.ThrowsAsync<SqlException>(() => SecurityScenario.ExecuteAsync(connection,
            $"UPDATE [Identity].[Users] SET [TenantId] = {scenario.TenantB} WHERE [UserId] = {scenario.BasicA};"));

        Assert.Equal(BlockPredicateViolation, insert.Number);
        Assert.Equal(0, updated);
        Assert.Equal(0, deleted);
        // The block predicate (33504) or the (TenantId, UserId) foreign key of the user's assignments (547) refuses it.
        Assert.Contains(moved.Number, new[] { BlockPredicateViolation, 547 });
        await using var dbo = await scenario.OpenAsDboAsync();
        await SecurityScenario.ExecuteAsync(dbo, "EXECUTE [Security].[usp_SetDeploymentSessionContext];");
        Assert.Equal(1, await SecurityScenario.ScalarAsync<int>(dbo, $"SELECT COUNT(*) FROM [Identity].[UserRoles] WHERE [TenantId] = {scenario.TenantB};"));
        Assert.Equal(0, await SecurityScenario.ScalarAsync<int>(dbo, "SELECT COUNT(*) FROM [Identity].[Users] WHERE [DisplayName] = N'Hijacked' OR [Email] = N'intruder@b.example';"));
        Assert.Equal(scenario.TenantA, await SecurityScenario.ScalarAsync<int>(dbo, $"SELECT [TenantId] FROM [Identity].[Users] WHERE [UserId] = {scenario.BasicA};"));
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task SessionContext_CannotBeOverwritten_OnceSet()
    {
        await using var connection = await scenario.OpenSessionAsync("app_user", scenario.BasicA);

        var overwrite = await Assert.ThrowsAsync<SqlException>(() => SecurityScenario.ExecuteAsync(connection,
            $"EXECUTE [sys].[sp_set_session_context] @key = N'Foundation.TenantId', @value = {scenario.TenantB};"));
        var again = await Assert.ThrowsAsync<SqlException>(() => SecurityScenario.ExecuteAsync(connection,
            $"EXECUTE [Security].[usp_SetSessionContext] @UserId = {scenario.SuperAdminA};"));

        Assert.Equal(ReadOnlyKey, overwrite.Number);
        Assert.Equal(50205, again.Number);
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task ForgedSessionContext_GrantsNothing_WithoutTheSessionProcedure()
    {
        await using var connection = await scenario.OpenAsAsync("writer_user");
        await SecurityScenario.ExecuteAsync(connection, $"""
            EXECUTE [sys].[sp_set_session_context] @key = N'Foundation.UserId', @value = {scenario.SuperAdminA}, @read_only = 1;
            EXECUTE [sys].[sp_set_session_context] @key = N'Foundation.TenantId', @value = {scenario.TenantA}, @read_only = 1;
            EXECUTE [sys].[sp_set_session_context] @key = N'Foundation.IsSuperAdmin', @value = 1, @read_only = 1;
            EXECUTE [sys].[sp_set_session_context] @key = N'Foundation.IsSystem', @value = 1, @read_only = 1;
            EXECUTE [sys].[sp_set_session_context] @key = N'Foundation.Permissions', @value = N'|users.read|', @read_only = 1;
            """);

        var visible = await SecurityScenario.ScalarAsync<int>(connection, "SELECT COUNT(*) FROM [Identity].[Users];");
        var refused = await Assert.ThrowsAsync<SqlException>(() => SecurityScenario.ExecuteAsync(connection,
            $"EXECUTE [Security].[usp_SetSessionContext] @UserId = {scenario.AdminA};"));

        Assert.Equal(0, visible);
        Assert.Equal(50200, refused.Number);
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task BasicUser_SeesAndUpdatesOnlyTheirOwnRow()
    {
        await using var connection = await scenario.OpenSessionAsync("app_user", scenario.BasicA);

        var listed = await SecurityScenario.IdsAsync(connection, "EXECUTE [Api].[usp_ListUsers];");
        await SecurityScenario.ExecuteAsync(connection, "EXECUTE [Api].[usp_UpdateMyProfile] @DisplayName = N'Basic A';");
        var other = await SecurityScenario.IdsAsync(connection, "EXECUTE [Api].[usp_GetUserByEmail] @Email = N'admin@a.example';");

        Assert.Equal([scenario.BasicA], listed);
        Assert.Empty(other);
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task RevokingARoleAssignment_RemovesAccess_OnTheNextSession()
    {
        await using (var before = await scenario.OpenSessionAsync("app_user", scenario.RevokedAdminA))
        {
            Assert.Contains(scenario.BasicA, await SecurityScenario.IdsAsync(before, "EXECUTE [Api].[usp_ListUsers];"));
        }

        await using (var superAdmin = await scenario.OpenSessionAsync("app_user", scenario.SuperAdminA))
        {
            await SecurityScenario.ExecuteAsync(superAdmin, $"EXECUTE [Api].[usp_RevokeRole] @UserRoleId = {scenario.RevokedAdminAssignmentA}, @Reason = N'live test';");
        }

        await using var after = await scenario.OpenSessionAsync("app_user", scenario.RevokedAdminA);
        var listed = await SecurityScenario.IdsAsync(after, "EXECUTE [Api].[usp_ListUsers];");

        Assert.DoesNotContain(scenario.BasicA, listed);
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task SuperAdmin_CrossesTenants_AndTheSessionIsRecorded()
    {
        await using var connection = await scenario.OpenSessionAsync("app_user", scenario.SuperAdminA);

        var other = await SecurityScenario.IdsAsync(connection, $"EXECUTE [Api].[usp_ListUsers] @TenantId = {scenario.TenantB};");

        Assert.Equal([scenario.UserB], other);
        await using var dbo = await scenario.OpenAsDboAsync();
        Assert.True(await SecurityScenario.ScalarAsync<int>(dbo,
            $"SELECT COUNT(*) FROM [Security].[PrivilegedSessions] WHERE [Kind] = 'SuperAdmin' AND [UserId] = {scenario.SuperAdminA};") >= 1);
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task SuspendedUser_GetsNoSessionContext()
    {
        var refused = await Assert.ThrowsAsync<SqlException>(() => scenario.OpenSessionAsync("app_user", scenario.SuspendedA));

        Assert.Equal(50201, refused.Number);
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task ApplicationRole_CannotReadTablesDirectly()
    {
        await using var connection = await scenario.OpenSessionAsync("app_user", scenario.SuperAdminA);

        var denied = await Assert.ThrowsAsync<SqlException>(() => SecurityScenario.ScalarAsync<int>(connection, "SELECT COUNT(*) FROM [Identity].[Users];"));

        Assert.Equal(229, denied.Number); // 229: denied on the object (schema-level DENY); 230 is the column-level form
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task ReportingRole_CannotSelectPasswordHashes_ButReadsTheRest()
    {
        await using var connection = await scenario.OpenReportingSessionAsync("report_user");

        var denied = await Assert.ThrowsAsync<SqlException>(() => SecurityScenario.ExecuteAsync(connection, "SELECT [PasswordHash] FROM [Identity].[Users];"));
        var deniedHistory = await Assert.ThrowsAsync<SqlException>(() => SecurityScenario.ExecuteAsync(connection, "SELECT [VerificationTokenHash] FROM [History].[Users];"));
        var rows = await SecurityScenario.ScalarAsync<int>(connection, "SELECT COUNT([Email]) FROM [Identity].[Users];");

        Assert.Equal(PermissionDenied, denied.Number);
        Assert.Equal(PermissionDenied, deniedHistory.Number);
        Assert.True(rows >= 1);
    }
}
