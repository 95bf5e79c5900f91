using System.Diagnostics;
using Microsoft.Data.SqlClient;
using Microsoft.SqlServer.Dac;

namespace Foundation.Bench;

/// <summary>
/// Live query cost, where a SQL Server is reachable (<c>FOUNDATION_SQL_CONNECTION</c>, a login that may create
/// databases): deploys the .dacpac into a fresh database, bulk-loads a realistic volume (<see cref="LiveVolume"/>),
/// then runs each <see cref="LiveQuery.Common"/> query twice: as a member of the application role with the session
/// context set by <c>Security.usp_SetSessionContext</c> for a tenant administrator (row-level security on), and as dbo
/// with every security policy switched off. It compares logical reads and checks the actual plans for index seeks, and drops the database
/// whatever happens. Without the variable it returns a skip reason and touches nothing.
/// </summary>
public sealed class LiveQueryCostBenchmark(IBenchOutput output)
{
    public const string ConnectionVariable = "FOUNDATION_SQL_CONNECTION";
    private const string BenchUser = "FoundationBenchApplicationUser";
    private const string AdminRoleCode = "BenchTenantAdministrator";

    /// <summary>What the sampled user's role holds: enough to read its tenant's users, assignments and grants, not SuperAdmin.</summary>
    private static readonly string[] _adminPermissions = ["users.read", "assignments.read", "grants.read", "roles.read", "permissions.read", "profile.read"];
    private static readonly DateTime _baseTime = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public async Task<(LiveQueryCostReport? Report, string? SkipReason)> RunAsync(string dacpacPath, double scale, CancellationToken cancellation)
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            return (null, $"{ConnectionVariable} is not set (no SQL Server here); set it to a SQL Server 2022 login that may create databases");
        }

        if (!File.Exists(dacpacPath))
        {
            return (null, $"no .dacpac at {dacpacPath}");
        }

        var missing = LiveSchemaRequirements.Missing(dacpacPath);
        if (missing.Count > 0)
        {
            return (null, $"the Foundation.Database model lacks {string.Join(", ", missing)}");
        }

        var master = new SqlConnectionStringBuilder(configured) { InitialCatalog = "master", Pooling = false }.ConnectionString;
        await EnsureServerAsync(master, cancellation);

        var name = $"FoundationBench_{Guid.NewGuid():N}"[..32];
        var database = new SqlConnectionStringBuilder(master) { InitialCatalog = name }.ConnectionString;
        var volume = LiveVolume.AtScale(scale);
        output.Line($"Live query cost: deploying into [{name}] on {new SqlConnectionStringBuilder(master).DataSource}, then loading {volume.Tenants:N0} tenants, {volume.Users:N0} users, {volume.Assignments:N0} assignments.");
        try
        {
            using (var dacpac = Foundation.Deploy.Dacpacs.DacpacFile.Open(dacpacPath))
            {
                var options = new DacDeployOptions { CreateNewDatabase = true, BlockOnPossibleDataLoss = true };
                foreach (var (variable, declaredDefault) in dacpac.DeclaredVariables)
                {
                    options.SqlCommandVariableValues[variable] = variable switch
                    {
                        "DeploymentId" => Guid.NewGuid().ToString(),
                        "ReleaseVersion" => "0.0.0-bench",
                        "ToolVersion" => "Foundation.Bench",
                        _ => declaredDefault,
                    };
                }

                await Task.Run(() => new DacServices(master).Deploy(dacpac.Package, name, upgradeExisting: false, options, cancellation), cancellation);
            }

            await using var dbo = new SqlConnection(database);
            await dbo.OpenAsync(cancellation);
            var role = await ApplicationRoleAsync(dbo, cancellation);
            if (role is null)
            {
                return (null, $"no database role may EXECUTE [{LiveSchemaRequirements.SessionProcedureSchema}].[{LiveSchemaRequirements.SessionProcedureName}] (the application role)");
            }

            var watch = Stopwatch.StartNew();
            await LoadVolumeAsync(dbo, volume, cancellation);
            var loadSeconds = watch.Elapsed.TotalSeconds;
            await PrepareBenchUserAsync(dbo, role, cancellation);

            var tenantId = await ScalarAsync<int>(dbo, $"SELECT MAX([TenantId]) - {volume.Tenants / 2} FROM [Tenancy].[Tenants];", cancellation);
            var (userId, normalizedEmail) = await SampleUserAsync(dbo, tenantId, cancellation);
            var parameters = new Dictionary<string, object>
            {
                ["@TenantId"] = tenantId,
                ["@UserId"] = userId,
                ["@NormalizedEmail"] = normalizedEmail,
                ["@AfterUserId"] = userId - Math.Min(200, volume.UsersPerTenant / 2),
            };

            var results = new List<LiveQueryResult>();
            await using var app = await OpenAsApplicationAsync(database, tenantId, userId, cancellation);
            await EnsureRowLevelSecurityFiltersAsync(app, dbo, tenantId, cancellation);
            foreach (var query in LiveQuery.Common)
            {
                var expected = await IndexesLeadingWithAsync(dbo, query.Table, query.LeadingColumns, cancellation);
                var underPolicy = await MeasureAsync(app, query, parameters, cancellation);
                var withoutPolicy = await WithPoliciesOffAsync(dbo, () => MeasureAsync(dbo, query, parameters, cancellation), cancellation);
                results.Add(new LiveQueryResult(
                    query.Name,
                    underPolicy.Reads.Values.Sum(),
                    withoutPolicy.Reads.Values.Sum(),
                    Describe(underPolicy.Reads),
                    Describe(withoutPolicy.Reads),
                    Describe(underPolicy.Accesses),
                    Describe(withoutPolicy.Accesses),
                    SeeksOnly(underPolicy.Accesses, expected),
                    SeeksOnly(withoutPolicy.Accesses, expected),
                    expected.Count == 0 ? $"none leads with ({string.Join(", ", query.LeadingColumns)})" : string.Join(", ", expected)));
            }

            return (new LiveQueryCostReport(new SqlConnectionStringBuilder(master).DataSource, volume.Tenants, volume.Users, volume.Assignments, loadSeconds, results), null);
        }
        finally
        {
            await DropAsync(master, name);
        }
    }

    private static async Task EnsureServerAsync(string master, CancellationToken cancellation)
    {
        try
        {
            await using var connection = new SqlConnection(master);
            await connection.OpenAsync(cancellation);
            var major = await ScalarAsync<int>(connection, "SELECT CAST(SERVERPROPERTY('ProductMajorVersion') AS int);", cancellation);
            if (major < 16)
            {
                throw new BenchException($"SQL Server 2022 (major version 16) or later is required; the server from {ConnectionVariable} is version {major}.");
            }
        }
        catch (SqlException ex)
        {
            // Asked for, but unreachable: a failure with its cause, never a silent skip.
            throw new BenchException($"The SQL Server from {ConnectionVariable} cannot be used: {ex.Message}", ex);
        }
    }

    /// <summary>The role that may execute the session procedure (preferring a name with "App"), excluding public.</summary>
    private static async Task<string?> ApplicationRoleAsync(SqlConnection dbo, CancellationToken cancellation)
    {
        await using var command = new SqlCommand(
            """
            SELECT TOP (1) pr.[name]
            FROM sys.database_permissions AS dp
            JOIN sys.database_principals AS pr ON pr.[principal_id] = dp.[grantee_principal_id]
            WHERE dp.[major_id] = OBJECT_ID(@Procedure) AND dp.[permission_name] = N'EXECUTE' AND dp.[state] IN ('G', 'W')
              AND pr.[type] = 'R' AND pr.[name] <> N'public'
            ORDER BY CASE WHEN pr.[name] LIKE N'%App%' THEN 0 ELSE 1 END, pr.[name];
            """,
            dbo);
        command.Parameters.AddWithValue("@Procedure", $"[{LiveSchemaRequirements.SessionProcedureSchema}].[{LiveSchemaRequirements.SessionProcedureName}]");
        return await command.ExecuteScalarAsync(cancellation) as string;
    }

    private async Task LoadVolumeAsync(SqlConnection dbo, LiveVolume volume, CancellationToken cancellation)
    {
        await WithPoliciesOffAsync<bool>(
            dbo,
            async () =>
            {
                var loader = new BulkVolumeLoader(dbo);
                var tenantBase = await ScalarAsync<int>(dbo, "SELECT ISNULL(MAX([TenantId]), 0) FROM [Tenancy].[Tenants];", cancellation);
                var userBase = await ScalarAsync<long>(dbo, "SELECT ISNULL(MAX([UserId]), 0) FROM [Identity].[Users];", cancellation);
                var assignmentBase = await ScalarAsync<long>(dbo, "SELECT ISNULL(MAX([UserRoleId]), 0) FROM [Identity].[UserRoles];", cancellation);
                var roleBase = await ScalarAsync<int>(dbo, "SELECT ISNULL(MAX([RoleId]), 0) FROM [Identity].[Roles];", cancellation);

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
                await StatisticsCapture.Execute(
                    dbo,
                    $"""
                    UPDATE [Identity].[Roles] SET [Code] = N'{AdminRoleCode}', [Name] = N'Bench tenant administrator' WHERE [RoleId] = {roleBase + 1};
                    INSERT INTO [Identity].[RolePermissions] ([RoleId], [PermissionId])
                    SELECT {roleBase + 1}, [PermissionId] FROM [Identity].[Permissions]
                    WHERE [Code] IN ({string.Join(", ", _adminPermissions.Select(p => $"'{p}'"))});
                    """,
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

                await StatisticsCapture.Execute(
                    dbo,
                    "UPDATE STATISTICS [Tenancy].[Tenants] WITH FULLSCAN; UPDATE STATISTICS [Identity].[Users] WITH FULLSCAN; UPDATE STATISTICS [Identity].[UserRoles] WITH FULLSCAN; UPDATE STATISTICS [Identity].[Roles] WITH FULLSCAN;",
                    cancellation);
                return true;
            },
            cancellation);
    }

    private static async Task<List<int>> RoleIdsAsync(SqlConnection dbo, CancellationToken cancellation)
    {
        var roles = new List<int>();
        // Tenants' users never hold SuperAdmin (it sees every tenant), so the sampled user is an ordinary tenant user.
        await using var command = new SqlCommand("SELECT [RoleId] FROM [Identity].[Roles] WHERE [Status] = 'Active' AND [Code] <> 'SuperAdmin' ORDER BY [RoleId];", dbo);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            roles.Add(reader.GetInt32(0));
        }

        return roles.Count >= 3 ? roles : throw new BenchException($"Only {roles.Count} active roles; 3 distinct roles a user are needed.");
    }

    /// <summary>
    /// A user without login in the application role, for the measurement only (the database is dropped afterwards),
    /// and one procedure per query in a [Bench] schema owned by dbo: like the Api procedures, they reach the tables by
    /// ownership chaining (the role is denied the tables), and row-level security applies inside them as it does in
    /// the Api. SHOWPLAN lets the user receive actual plans.
    /// </summary>
    private static async Task PrepareBenchUserAsync(SqlConnection dbo, string role, CancellationToken cancellation)
    {
        await StatisticsCapture.Execute(dbo, $"CREATE SCHEMA [{LiveQuery.Schema}] AUTHORIZATION [dbo];", cancellation);
        foreach (var query in LiveQuery.Common)
        {
            await StatisticsCapture.Execute(dbo, query.CreateProcedure(), cancellation);
        }

        await StatisticsCapture.Execute(
            dbo,
            $"""
            CREATE PROCEDURE [{LiveQuery.Schema}].[usp_CountVisibleUsers] AS BEGIN SET NOCOUNT ON; SELECT COUNT_BIG(*) FROM [Identity].[Users]; END;
            """,
            cancellation);
        await StatisticsCapture.Execute(
            dbo,
            $"""
            CREATE USER [{BenchUser}] WITHOUT LOGIN;
            ALTER ROLE [{role.Replace("]", "]]", StringComparison.Ordinal)}] ADD MEMBER [{BenchUser}];
            GRANT SHOWPLAN TO [{BenchUser}];
            GRANT EXECUTE ON SCHEMA::[{LiveQuery.Schema}] TO [{BenchUser}];
            """,
            cancellation);
    }

    /// <summary>A connection of its own (no pooling: session context must not leak) impersonating the application user.</summary>
    private static async Task<SqlConnection> OpenAsApplicationAsync(string database, int tenantId, long userId, CancellationToken cancellation)
    {
        var connection = new SqlConnection(database);
        await connection.OpenAsync(cancellation);
        await StatisticsCapture.Execute(connection, $"EXECUTE AS USER = N'{BenchUser}';", cancellation);
        await using var command = new SqlCommand($"[{LiveSchemaRequirements.SessionProcedureSchema}].[{LiveSchemaRequirements.SessionProcedureName}]", connection)
        {
            CommandType = System.Data.CommandType.StoredProcedure,
        };
        SqlCommandBuilder.DeriveParameters(command);
        foreach (SqlParameter parameter in command.Parameters)
        {
            if (parameter.Direction == System.Data.ParameterDirection.ReturnValue)
            {
                continue;
            }

            parameter.Value = parameter.ParameterName.TrimStart('@') switch
            {
                "TenantId" => tenantId,
                "UserId" => userId,
                _ => DBNull.Value,
            };
        }

        await command.ExecuteNonQueryAsync(cancellation);
        return connection;
    }

    /// <summary>Guards the comparison: the application user must see its tenant's users and no other tenant's.</summary>
    private static async Task EnsureRowLevelSecurityFiltersAsync(SqlConnection app, SqlConnection dbo, int tenantId, CancellationToken cancellation)
    {
        var visible = await ScalarAsync<int>(app, $"EXECUTE [{LiveQuery.Schema}].[usp_CountVisibleUsers];", cancellation);
        var own = await ScalarAsync<int>(dbo, $"SELECT COUNT(*) FROM [Identity].[Users] WHERE [TenantId] = {tenantId};", cancellation);
        if (visible != own)
        {
            throw new BenchException($"Row-level security does not filter as expected: the application user sees {visible} users, its tenant has {own}.");
        }
    }

    private static async Task<(IReadOnlyDictionary<string, long> Reads, IReadOnlyList<TableAccess> Accesses)> MeasureAsync(
        SqlConnection connection, LiveQuery query, IReadOnlyDictionary<string, object> parameters, CancellationToken cancellation)
    {
        // Warm the buffer pool and the plan cache first; the measured run then reads from memory, as a busy server does.
        await StatisticsCapture.RunAsync(connection, query.QualifiedProcedure, parameters, cancellation);
        var (reads, plans) = await StatisticsCapture.RunAsync(connection, query.QualifiedProcedure, parameters, cancellation);
        return (reads, ShowplanInspector.Accesses(plans));
    }

    private static async Task<T> WithPoliciesOffAsync<T>(SqlConnection dbo, Func<Task<T>> action, CancellationToken cancellation)
    {
        var policies = new List<string>();
        await using (var command = new SqlCommand("SELECT QUOTENAME(SCHEMA_NAME([schema_id])) + N'.' + QUOTENAME([name]) FROM sys.security_policies WHERE [is_enabled] = 1;", dbo))
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                policies.Add(reader.GetString(0));
            }
        }

        foreach (var policy in policies)
        {
            await StatisticsCapture.Execute(dbo, $"ALTER SECURITY POLICY {policy} WITH (STATE = OFF);", cancellation);
        }

        try
        {
            return await action();
        }
        finally
        {
            foreach (var policy in policies)
            {
                await StatisticsCapture.Execute(dbo, $"ALTER SECURITY POLICY {policy} WITH (STATE = ON);", CancellationToken.None);
            }
        }
    }

    private static async Task<IReadOnlyList<string>> IndexesLeadingWithAsync(SqlConnection dbo, string table, IReadOnlyList<string> leading, CancellationToken cancellation)
    {
        await using var command = new SqlCommand(
            """
            SELECT i.[name], STRING_AGG(c.[name], N',') WITHIN GROUP (ORDER BY ic.[key_ordinal])
            FROM sys.indexes AS i
            JOIN sys.index_columns AS ic ON ic.[object_id] = i.[object_id] AND ic.[index_id] = i.[index_id] AND ic.[key_ordinal] > 0
            JOIN sys.columns AS c ON c.[object_id] = ic.[object_id] AND c.[column_id] = ic.[column_id]
            WHERE i.[object_id] = OBJECT_ID(@Table)
            GROUP BY i.[name];
            """,
            dbo);
        command.Parameters.AddWithValue("@Table", table);
        var prefix = string.Join(',', leading);
        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var keys = reader.GetString(1);
            if (keys.Equals(prefix, StringComparison.OrdinalIgnoreCase) || keys.StartsWith(prefix + ",", StringComparison.OrdinalIgnoreCase))
            {
                result.Add(reader.GetString(0));
            }
        }

        return result;
    }

    /// <summary>Every access of a big table is a seek, and at least one is a seek on an expected index.</summary>
    private static bool SeeksOnly(IReadOnlyList<TableAccess> accesses, IReadOnlyList<string> expected)
    {
        var big = accesses.Where(a => LiveQuery.BigTables.Contains(a.Table, StringComparer.OrdinalIgnoreCase)).ToList();
        return big.Count > 0 && big.All(a => a.IsSeek) && big.Any(a => expected.Contains(a.Index, StringComparer.OrdinalIgnoreCase));
    }

    private static string Describe(IReadOnlyDictionary<string, long> readsByTable) =>
        string.Join(", ", readsByTable.Select(r => $"{r.Key} {r.Value}"));

    private static string Describe(IReadOnlyList<TableAccess> accesses) =>
        accesses.Count == 0 ? "no table access" : string.Join("; ", accesses.Select(a => a.ToString()).Distinct());

    private static async Task<(long UserId, string NormalizedEmail)> SampleUserAsync(SqlConnection dbo, int tenantId, CancellationToken cancellation)
    {
        await using var command = new SqlCommand(
            $"""
            SELECT TOP (1) u.[UserId], u.[NormalizedEmail]
            FROM [Identity].[Users] AS u
            JOIN [Identity].[UserRoles] AS ur ON ur.[TenantId] = u.[TenantId] AND ur.[UserId] = u.[UserId] AND ur.[Status] = 'Active'
            JOIN [Identity].[Roles] AS r ON r.[RoleId] = ur.[RoleId] AND r.[Code] = N'{AdminRoleCode}'
            WHERE u.[TenantId] = @TenantId AND u.[Status] = 'Active' AND u.[LockoutEndsAt] IS NULL
            ORDER BY u.[UserId] DESC;
            """,
            dbo);
        command.Parameters.AddWithValue("@TenantId", tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation)
            ? (reader.GetInt64(0), reader.GetString(1))
            : throw new BenchException($"Tenant {tenantId} has no active user holding {AdminRoleCode} to query as.");
    }

    private static async Task<T> ScalarAsync<T>(SqlConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = new SqlCommand(sql, connection) { CommandTimeout = 0 };
        var value = await command.ExecuteScalarAsync(cancellation);
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task DropAsync(string master, string name)
    {
        try
        {
            SqlConnection.ClearAllPools();
            await using var connection = new SqlConnection(master);
            await connection.OpenAsync();
            await StatisticsCapture.Execute(
                connection,
                $"""
                IF DB_ID(N'{name}') IS NOT NULL
                BEGIN
                    ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;
                    DROP DATABASE [{name}];
                END
                """,
                CancellationToken.None);
        }
        catch (SqlException ex)
        {
            output.Line($"warning: the benchmark database [{name}] could not be dropped: {ex.Message}. Drop it by hand.");
        }
    }
}
