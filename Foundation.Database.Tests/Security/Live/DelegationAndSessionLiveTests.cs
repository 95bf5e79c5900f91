using Foundation.Database.Tests.Live.Infrastructure;
using Microsoft.Data.SqlClient;

namespace Foundation.Database.Tests.Security.Live;

/// <summary>
/// The attack matrix of issue 9 against a real SQL Server (skipped, with the reason, where none is reachable): escalation
/// through delegation, impersonation by the reporting principal, role membership by the security admin, and session
/// procedures that neither brick a connection nor leave it without its context. Unlike the tSQLt classes, these run with
/// the real read-only keys. Each test opens its own unpooled connections, except the pooled-reset test, which uses a pool
/// of its own (one connection, cleared afterwards).
/// </summary>
public sealed class DelegationAndSessionLiveTests(SecurityScenario scenario) : IClassFixture<SecurityScenario>
{
    private const int BlockPredicateViolation = 33504;
    private const int PermissionDenied = 229;
    private const int CannotAlterRole = 15151;

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task TenantAdmin_CannotAssignSuperAdmin_ThroughTheApiOrByADirectInsert()
    {
        await using var api = await scenario.OpenSessionAsync("app_user", scenario.AdminA);
        await using var direct = await scenario.OpenSessionAsync("writer_user", scenario.AdminA);

        var viaApi = await Assert.ThrowsAsync<SqlException>(() => SecurityScenario.ExecuteAsync(api,
            $"EXECUTE [Api].[usp_AssignRole] @UserId = {scenario.TargetOfRefusalsA}, @RoleCode = 'SuperAdmin';"));
        var viaInsert = await Assert.ThrowsAsync<SqlException>(() => SecurityScenario.ExecuteAsync(direct, $"""
            INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId])
            SELECT {scenario.TenantA}, {scenario.TargetOfRefusalsA}, [RoleId] FROM [Identity].[Roles] WHERE [Code] = 'SuperAdmin';
            """));

        Assert.Equal(50216, viaApi.Number);
        Assert.Equal(BlockPredicateViolation, viaInsert.Number);
        Assert.Equal(0, await SuperAdminAssignmentsAsync(scenario.TargetOfRefusalsA));
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task TenantAdmin_CannotAssignARoleCarryingAPermissionTheyLack()
    {
        // TenantAdmin holds no profile.* permission; BasicUser carries profile.read and profile.update.
        await using var direct = await scenario.OpenSessionAsync("writer_user", scenario.AdminA);

        var refused = await Assert.ThrowsAsync<SqlException>(() => SecurityScenario.ExecuteAsync(direct, $"""
            INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId])
            SELECT {scenario.TenantA}, {scenario.AdminA}, [RoleId] FROM [Identity].[Roles] WHERE [Code] = 'BasicUser';
            """));

        Assert.Equal(BlockPredicateViolation, refused.Number);
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task TenantAdmin_CanAssignARoleWhoseEveryPermissionTheyHold()
    {
        await using var api = await scenario.OpenSessionAsync("app_user", scenario.AdminA);

        var assigned = await SecurityScenario.IdsAsync(api,
            $"EXECUTE [Api].[usp_AssignRole] @UserId = {scenario.TargetOfTenantAdminA}, @RoleCode = 'TenantAdmin', @Reason = N'live test';");

        Assert.Single(assigned);
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task TenantAdmin_CannotWriteTheGlobalCatalogues_EvenHoldingRolesManageAndGrantsManage()
    {
        await using var direct = await scenario.OpenSessionAsync("writer_user", scenario.AdminA);

        var role = await Assert.ThrowsAsync<SqlException>(() => SecurityScenario.ExecuteAsync(direct,
            "INSERT INTO [Identity].[Roles] ([Code], [Name], [Description]) VALUES ('Intruder', N'Intruder', N'Live test role.');"));
        var grant = await Assert.ThrowsAsync<SqlException>(() => SecurityScenario.ExecuteAsync(direct, """
            INSERT INTO [Identity].[RolePermissions] ([RoleId], [PermissionId])
            SELECT [r].[RoleId], [p].[PermissionId] FROM [Identity].[Roles] AS [r] CROSS JOIN [Identity].[Permissions] AS [p]
            WHERE [r].[Code] = 'TenantAdmin' AND [p].[Code] = 'tenants.create';
            """));

        Assert.Equal(BlockPredicateViolation, role.Number);
        Assert.Equal(BlockPredicateViolation, grant.Number);
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task SuperAdmin_CanAssignSuperAdmin()
    {
        await using var api = await scenario.OpenSessionAsync("app_user", scenario.SuperAdminA);

        var assigned = await SecurityScenario.IdsAsync(api,
            $"EXECUTE [Api].[usp_AssignRole] @UserId = {scenario.TargetOfSuperAdminA}, @RoleCode = 'SuperAdmin', @Reason = N'live test';");

        Assert.Single(assigned);
        Assert.Equal(1, await SuperAdminAssignmentsAsync(scenario.TargetOfSuperAdminA));
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task Reporting_CannotStartASessionWithSomeoneElsesId()
    {
        await using var connection = await scenario.OpenAsAsync("report_user");

        var denied = await Assert.ThrowsAsync<SqlException>(() => SecurityScenario.ExecuteAsync(connection,
            $"EXECUTE [Security].[usp_SetSessionContext] @UserId = {scenario.SuperAdminA};"));

        Assert.Equal(PermissionDenied, denied.Number);
        Assert.Equal(0, await SecurityScenario.ScalarAsync<int>(connection, "SELECT COUNT([Email]) FROM [Identity].[Users];"));
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task Reporting_ReadsAsTheUserItsPrincipalIsMappedTo_AndAnUnmappedOneGetsNoContext()
    {
        await using var mapped = await scenario.OpenReportingSessionAsync("report_user");
        await using var unmapped = await scenario.OpenAsAsync("unmapped_report_user");

        var tenants = await SecurityScenario.IdsAsync(mapped, "SELECT DISTINCT [TenantId] FROM [Identity].[Users];");
        var refused = await Assert.ThrowsAsync<SqlException>(() => SecurityScenario.ExecuteAsync(unmapped, "EXECUTE [Security].[usp_SetReportingSessionContext];"));

        Assert.Equal([(long)scenario.TenantA], tenants);
        Assert.Equal(50206, refused.Number);
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task SecurityAdmin_CannotAddAMemberToTheApplicationOrReportingRole()
    {
        await using var connection = await scenario.OpenAsAsync("secadmin_user");

        var application = await Assert.ThrowsAsync<SqlException>(() => SecurityScenario.ExecuteAsync(connection, "ALTER ROLE [FoundationApplication] ADD MEMBER [secadmin_user];"));
        var reporting = await Assert.ThrowsAsync<SqlException>(() => SecurityScenario.ExecuteAsync(connection, "ALTER ROLE [FoundationReporting] ADD MEMBER [secadmin_user];"));

        Assert.Equal(CannotAlterRole, application.Number);
        Assert.Equal(CannotAlterRole, reporting.Number);
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task SecondSessionCall_ForTheSameUser_IsANoOp_WithReadOnlyKeys()
    {
        await using var connection = await scenario.OpenSessionAsync("app_user", scenario.AdminA);
        var nonce = await SecurityScenario.ScalarAsync<byte[]>(connection, "SELECT CAST(SESSION_CONTEXT(N'Foundation.SessionNonce') AS VARBINARY(32));");

        await SecurityScenario.ExecuteAsync(connection, $"EXECUTE [Security].[usp_SetSessionContext] @UserId = {scenario.AdminA};");

        Assert.Equal(nonce, await SecurityScenario.ScalarAsync<byte[]>(connection, "SELECT CAST(SESSION_CONTEXT(N'Foundation.SessionNonce') AS VARBINARY(32));"));
        Assert.Contains(scenario.BasicA, await SecurityScenario.IdsAsync(connection, "EXECUTE [Api].[usp_ListUsers];"));
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task PooledConnection_TakenAgain_HasNoContextLeft_AndActsForTheNextUser()
    {
        // The application's connections are pooled: one returned to the pool and taken again is reset
        // (sp_reset_connection) before its next command. The design relies on the reset clearing the read-only keys;
        // if they survived, the next request's usp_SetSessionContext for another user would fail with 50205.
        var pool = $"Foundation live pooled {Guid.NewGuid():N}";
        short firstSession;
        await using (var first = await scenario.OpenPooledAsDboAsync(pool))
        {
            firstSession = await SecurityScenario.ScalarAsync<short>(first, "SELECT @@SPID;");
            await SecurityScenario.ExecuteAsync(first, $"EXECUTE [Security].[usp_SetSessionContext] @UserId = {scenario.BasicA};");
        }

        await using var second = await scenario.OpenPooledAsDboAsync(pool);
        try
        {
            var secondSession = await SecurityScenario.ScalarAsync<short>(second, "SELECT @@SPID;");
            var keyAfterReset = await SecurityScenario.ScalarAsync<object>(second, "SELECT SESSION_CONTEXT(N'Foundation.UserId');");
            await SecurityScenario.ExecuteAsync(second, $"EXECUTE [Security].[usp_SetSessionContext] @UserId = {scenario.UserB};");
            var actsFor = await SecurityScenario.ScalarAsync<long>(second, "SELECT CAST(SESSION_CONTEXT(N'Foundation.UserId') AS BIGINT);");
            var trusted = await SecurityScenario.ScalarAsync<int>(second, "SELECT COUNT(*) FROM [Security].[fn_SessionIsTrusted]();");

            Assert.Equal(firstSession, secondSession);
            Assert.Equal(DBNull.Value, keyAfterReset);
            Assert.Equal(scenario.UserB, actsFor);
            Assert.Equal(1, trusted);
        }
        finally
        {
            SqlConnection.ClearPool(second);
        }
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task SessionCall_ForAnotherUser_Fails50205_AndTheConnectionKeepsItsContext()
    {
        await using var connection = await scenario.OpenSessionAsync("app_user", scenario.AdminA);

        var refused = await Assert.ThrowsAsync<SqlException>(() => SecurityScenario.ExecuteAsync(connection,
            $"EXECUTE [Security].[usp_SetSessionContext] @UserId = {scenario.SuperAdminA};"));

        Assert.Equal(50205, refused.Number);
        Assert.Contains(scenario.BasicA, await SecurityScenario.IdsAsync(connection, "EXECUTE [Api].[usp_ListUsers];"));
        Assert.Empty(await SecurityScenario.IdsAsync(connection, $"EXECUTE [Api].[usp_ListUsers] @TenantId = {scenario.TenantB};"));
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task DeploymentContext_IsANoOpWhenRepeated_AndRefusedOnAnApplicationSession()
    {
        await using var deployment = await scenario.OpenAsDboAsync();
        await SecurityScenario.ExecuteAsync(deployment, "EXECUTE [Security].[usp_SetDeploymentSessionContext];");
        var sealedAt = await SecurityScenario.ScalarAsync<DateTime>(deployment, "SELECT [SealedAt] FROM [Security].[SessionSeals] WHERE [SessionId] = @@SPID;");
        await using var application = await scenario.OpenSessionAsync("app_user", scenario.BasicA);

        await SecurityScenario.ExecuteAsync(deployment, "EXECUTE [Security].[usp_SetDeploymentSessionContext];");
        var refused = await Assert.ThrowsAsync<SqlException>(() => SecurityScenario.ExecuteAsync(application, "REVERT; EXECUTE [Security].[usp_SetDeploymentSessionContext];"));

        Assert.Equal(sealedAt, await SecurityScenario.ScalarAsync<DateTime>(deployment, "SELECT [SealedAt] FROM [Security].[SessionSeals] WHERE [SessionId] = @@SPID;"));
        Assert.Equal(50205, refused.Number);
    }

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task SessionSetByAPrincipalOutsideTheApplicationRole_IsLoggedWithItsPrincipalId()
    {
        await using var connection = await scenario.OpenSessionAsync("writer_user", scenario.BasicA);
        var session = await SecurityScenario.ScalarAsync<short>(connection, "SELECT CAST(@@SPID AS SMALLINT);");

        await using var dbo = await scenario.OpenAsDboAsync();
        var logged = await SecurityScenario.ScalarAsync<int>(dbo, $"""
            SELECT COUNT(*) FROM [Security].[PrivilegedSessions]
            WHERE [Kind] = 'NonApplication' AND [SessionId] = {session} AND [UserId] = {scenario.BasicA}
                AND [CallerPrincipalId] = DATABASE_PRINCIPAL_ID(N'writer_user');
            """);

        Assert.True(logged >= 1);
    }

    private async Task<int> SuperAdminAssignmentsAsync(long userId)
    {
        await using var dbo = await scenario.OpenAsDboAsync();
        await SecurityScenario.ExecuteAsync(dbo, "EXECUTE [Security].[usp_SetDeploymentSessionContext];");
        return await SecurityScenario.ScalarAsync<int>(dbo, $"""
            SELECT COUNT(*) FROM [Identity].[UserRoles] AS [a] INNER JOIN [Identity].[Roles] AS [r] ON [r].[RoleId] = [a].[RoleId]
            WHERE [a].[UserId] = {userId} AND [a].[Status] = 'Active' AND [r].[Code] = 'SuperAdmin';
            """);
    }
}
