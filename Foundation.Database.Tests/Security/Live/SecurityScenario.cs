using Foundation.Database.Tests.Live.Infrastructure;
using Microsoft.Data.SqlClient;

namespace Foundation.Database.Tests.Security.Live;

/// <summary>
/// A fresh Foundation database (from the dacpac) with two tenants and their users, seeded once per test class as dbo
/// under a deployment session. Test principals are database users WITHOUT LOGIN, reached with EXECUTE AS USER on a
/// dbo connection, so every check goes through the real role grants:
/// app_user (FoundationApplication), report_user (FoundationReporting, mapped to AdminA in [Security].[ReportingPrincipals]),
/// unmapped_report_user (FoundationReporting, no mapping), writer_user (direct DML, to reach the block predicates the Api
/// procedures never hit), secadmin_user (FoundationSecurityAdmin). TenantAdmin holds users.*, assignments.read/manage and
/// the catalogue permissions roles.manage and grants.manage (which a tenant role must not be able to use).
/// Skips, with the reason, when no SQL Server is reachable.
/// </summary>
public sealed class SecurityScenario(SqlServerInstance server) : IAsyncLifetime
{
    private readonly LiveDatabase _database = new(server);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _seeded;

    public int TenantA { get; private set; }
    public int TenantB { get; private set; }
    public long AdminA { get; private set; }
    public long BasicA { get; private set; }
    public long SuperAdminA { get; private set; }
    public long UserB { get; private set; }
    public long SuspendedA { get; private set; }
    /// <summary>A second tenant administrator of A, whose assignment the revocation test removes (the others keep theirs).</summary>
    public long RevokedAdminA { get; private set; }
    public long RevokedAdminAssignmentA { get; private set; }
    /// <summary>Users of tenant A that the delegation tests assign roles to (each test its own, so order does not matter).</summary>
    public long TargetOfTenantAdminA { get; private set; }
    public long TargetOfSuperAdminA { get; private set; }
    public long TargetOfRefusalsA { get; private set; }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        _gate.Dispose();
    }

    /// <summary>A new, unpooled dbo connection to the scenario database, seeded on first use.</summary>
    public async Task<SqlConnection> OpenAsDboAsync()
    {
        await EnsureSeededAsync();
        return await OpenUnpooledAsync();
    }

    /// <summary>
    /// A POOLED dbo connection in a pool of its own (<paramref name="pool"/> as the application name, at most one
    /// connection), so that closing it and opening again hands back the same session, reset by SqlClient
    /// (sp_reset_connection) before its next command, as the application's connections are. Clear the pool afterwards.
    /// </summary>
    public async Task<SqlConnection> OpenPooledAsDboAsync(string pool)
    {
        await EnsureSeededAsync();
        var builder = new SqlConnectionStringBuilder(await _database.RequireConnectionString())
        {
            Pooling = true,
            MaxPoolSize = 1,
            ApplicationName = pool,
        };
        var connection = new SqlConnection(builder.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    /// <summary>A new, unpooled connection acting as the database user <paramref name="user"/> (EXECUTE AS USER).</summary>
    public async Task<SqlConnection> OpenAsAsync(string user)
    {
        var connection = await OpenAsDboAsync();
        await ExecuteAsync(connection, $"EXECUTE AS USER = N'{user}';");
        return connection;
    }

    /// <summary>A connection acting as <paramref name="user"/> with the session context of the Foundation user <paramref name="userId"/>.</summary>
    public async Task<SqlConnection> OpenSessionAsync(string user, long userId)
    {
        var connection = await OpenAsAsync(user);
        await using var command = new SqlCommand("[Security].[usp_SetSessionContext]", connection) { CommandType = System.Data.CommandType.StoredProcedure };
        command.Parameters.AddWithValue("@UserId", userId);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    /// <summary>A connection acting as the reporting principal <paramref name="user"/>, with the context of the user it is mapped to.</summary>
    public async Task<SqlConnection> OpenReportingSessionAsync(string user)
    {
        var connection = await OpenAsAsync(user);
        await ExecuteAsync(connection, "EXECUTE [Security].[usp_SetReportingSessionContext];");
        return connection;
    }

    public static async Task ExecuteAsync(SqlConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new SqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<T> ScalarAsync<T>(SqlConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new SqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>The first column of every row the batch returns.</summary>
    public static async Task<List<long>> IdsAsync(SqlConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new SqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var ids = new List<long>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            ids.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }

        return ids;
    }

    private async Task<SqlConnection> OpenUnpooledAsync()
    {
        var builder = new SqlConnectionStringBuilder(await _database.RequireConnectionString()) { Pooling = false };
        var connection = new SqlConnection(builder.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private async Task EnsureSeededAsync()
    {
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_seeded)
            {
                return;
            }

            await using var connection = await OpenUnpooledAsync();
            await ExecuteAsync(connection, "EXECUTE [Security].[usp_SetDeploymentSessionContext];");
            await ExecuteAsync(connection, """
                CREATE USER [app_user] WITHOUT LOGIN;
                ALTER ROLE [FoundationApplication] ADD MEMBER [app_user];
                CREATE USER [report_user] WITHOUT LOGIN;
                ALTER ROLE [FoundationReporting] ADD MEMBER [report_user];
                CREATE USER [unmapped_report_user] WITHOUT LOGIN;
                ALTER ROLE [FoundationReporting] ADD MEMBER [unmapped_report_user];
                CREATE USER [secadmin_user] WITHOUT LOGIN;
                ALTER ROLE [FoundationSecurityAdmin] ADD MEMBER [secadmin_user];
                CREATE USER [writer_user] WITHOUT LOGIN;
                GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA::[Identity] TO [writer_user];
                GRANT EXECUTE ON OBJECT::[Security].[usp_SetSessionContext] TO [writer_user];

                INSERT INTO [Tenancy].[Tenants] ([Slug], [Name]) VALUES ('tenant-a', N'Tenant A'), ('tenant-b', N'Tenant B');

                INSERT INTO [Identity].[Roles] ([Code], [Name], [Description])
                VALUES ('TenantAdmin', N'Tenant administrator', N'Manages the users and assignments of one tenant.');
                INSERT INTO [Identity].[RolePermissions] ([RoleId], [PermissionId])
                SELECT [r].[RoleId], [p].[PermissionId]
                FROM [Identity].[Roles] AS [r]
                CROSS JOIN [Identity].[Permissions] AS [p]
                WHERE [r].[Code] = 'TenantAdmin'
                    AND [p].[Code] IN ('users.read', 'users.create', 'users.update', 'users.delete', 'assignments.read', 'assignments.manage', 'roles.manage', 'grants.manage');
                """);

            TenantA = await ScalarAsync<int>(connection, "SELECT [TenantId] FROM [Tenancy].[Tenants] WHERE [Slug] = 'tenant-a';");
            TenantB = await ScalarAsync<int>(connection, "SELECT [TenantId] FROM [Tenancy].[Tenants] WHERE [Slug] = 'tenant-b';");
            AdminA = await AddUserAsync(connection, TenantA, "admin@a.example", "Active", "TenantAdmin");
            BasicA = await AddUserAsync(connection, TenantA, "basic@a.example", "Active", "BasicUser");
            SuperAdminA = await AddUserAsync(connection, TenantA, "root@a.example", "Active", "SuperAdmin");
            SuspendedA = await AddUserAsync(connection, TenantA, "suspended@a.example", "Suspended", "BasicUser");
            UserB = await AddUserAsync(connection, TenantB, "user@b.example", "Active", "TenantAdmin");
            RevokedAdminA = await AddUserAsync(connection, TenantA, "admin2@a.example", "Active", "TenantAdmin");
            RevokedAdminAssignmentA = await ScalarAsync<long>(connection, $"SELECT [UserRoleId] FROM [Identity].[UserRoles] WHERE [UserId] = {RevokedAdminA};");
            TargetOfTenantAdminA = await AddUserAsync(connection, TenantA, "target1@a.example", "Active", "BasicUser");
            TargetOfSuperAdminA = await AddUserAsync(connection, TenantA, "target2@a.example", "Active", "BasicUser");
            TargetOfRefusalsA = await AddUserAsync(connection, TenantA, "target3@a.example", "Active", "BasicUser");
            await ExecuteAsync(connection, $"""
                INSERT INTO [Security].[ReportingPrincipals] ([PrincipalId], [PrincipalSid], [PrincipalName], [UserId], [Reason], [ReviewedBy])
                SELECT [principal_id], [sid], [name], {AdminA}, N'Live test mapping.', N'SecurityScenario'
                FROM [sys].[database_principals] WHERE [name] = N'report_user';
                """);
            _seeded = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<long> AddUserAsync(SqlConnection connection, int tenantId, string email, string status, string roleCode)
    {
        await using var command = new SqlCommand("""
            INSERT INTO [Identity].[Users] ([TenantId], [Email], [Status]) VALUES (@TenantId, @Email, @Status);
            DECLARE @UserId BIGINT = SCOPE_IDENTITY();
            INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId])
            SELECT @TenantId, @UserId, [RoleId] FROM [Identity].[Roles] WHERE [Code] = @RoleCode;
            SELECT @UserId;
            """, connection);
        command.Parameters.AddWithValue("@TenantId", tenantId);
        command.Parameters.AddWithValue("@Email", email);
        command.Parameters.AddWithValue("@Status", status);
        command.Parameters.AddWithValue("@RoleCode", roleCode);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
