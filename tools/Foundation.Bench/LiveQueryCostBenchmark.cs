using System.Diagnostics;
using Foundation.Deploy;
using Foundation.Deploy.Dacpacs;
using Microsoft.Data.SqlClient;
using Microsoft.SqlServer.Dac;

namespace Foundation.Bench;

/// <summary>
/// Live query cost, where a SQL Server is reachable (<c>FOUNDATION_SQL_CONNECTION</c>, a login that may create
/// databases): deploys the .dacpac into a fresh database, bulk-loads a realistic volume (<see cref="LiveVolume"/>),
/// then runs each <see cref="LiveQuery.Common"/> query as a member of the application role with the session context set
/// by <c>Security.usp_SetSessionContext</c> for a tenant administrator: once with every security policy on, once with
/// them off (read from the database, not named here). It reports logical reads per query and table, the seal's apart,
/// checks the actual plans for index seeks, and drops the database whatever happens.
/// The benchmark's own reads and samples run in the deployment's sealed system session (it sees every row).
/// Without the variable it returns a skip reason and touches nothing; every failure is a <see cref="BenchException"/>
/// naming the step (and the bound, for a timeout), never another exception.
/// </summary>
public sealed class LiveQueryCostBenchmark(IBenchOutput output, Func<string, string?>? environment = null)
{
    public const string ConnectionVariable = "FOUNDATION_SQL_CONNECTION";

    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;
    private string _step = "starting";

    public async Task<(LiveQueryCostReport? Report, string? SkipReason)> RunAsync(string dacpacPath, double scale, CancellationToken cancellation)
    {
        try
        {
            return await RunStepsAsync(dacpacPath, scale, cancellation);
        }
        catch (Exception ex) when (ex is not BenchException)
        {
            throw Failure(_step, ex);
        }
    }

    /// <summary>Any exception as a clear error naming the step it ended (the benchmark never ends in an unhandled exception).</summary>
    public static BenchException Failure(string step, Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return ex switch
        {
            BenchException bench => bench,
            OperationCanceledException => new BenchException($"The live query-cost check was cancelled while {step}.", ex),
            SqlException sql => LiveCommand.Failure(step, LiveCommandTimeouts.StatementSeconds, sql),
            _ => new BenchException($"The live query-cost check failed while {step}: {ex.GetType().Name}: {ex.Message}", ex),
        };
    }

    private async Task<(LiveQueryCostReport? Report, string? SkipReason)> RunStepsAsync(string dacpacPath, double scale, CancellationToken cancellation)
    {
        _step = $"reading {ConnectionVariable}";
        var configured = _environment(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            return (null, $"{ConnectionVariable} is not set (no SQL Server here); set it to a SQL Server 2022 login that may create databases");
        }

        string master;
        try
        {
            master = new SqlConnectionStringBuilder(configured) { InitialCatalog = "master", Pooling = false }.ConnectionString;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            // The parser's message names the keyword or position; the string itself (it may hold a password) is not repeated.
            throw new BenchException($"{ConnectionVariable} is not a valid SQL Server connection string: {ex.Message}", ex);
        }

        if (!File.Exists(dacpacPath))
        {
            return (null, $"no .dacpac at {dacpacPath}");
        }

        // Cheap checks first (the package opens, the server answers), the model's contents next (loading it takes seconds).
        _step = $"opening {dacpacPath}";
        using var dacpac = OpenDacpac(dacpacPath);
        var server = new SqlConnectionStringBuilder(master).DataSource;
        _step = $"connecting to {server}";
        await EnsureServerAsync(master, cancellation);

        _step = $"reading the model in {dacpacPath}";
        var missing = LiveSchemaRequirements.Missing(dacpacPath);
        if (missing.Count > 0)
        {
            return (null, $"the Foundation.Database model lacks {string.Join(", ", missing)}");
        }

        var name = $"FoundationBench_{Guid.NewGuid():N}"[..32];
        var database = new SqlConnectionStringBuilder(master) { InitialCatalog = name }.ConnectionString;
        var volume = LiveVolume.AtScale(scale);
        output.Line($"Live query cost: deploying into [{name}] on {server}, then loading {volume.Tenants:N0} tenants, {volume.Users:N0} users, {volume.Assignments:N0} assignments.");
        try
        {
            _step = $"deploying {Path.GetFileName(dacpacPath)} into [{name}]";
            await DeployAsync(dacpac, master, name, cancellation);

            // The bench's own session: the deployment's sealed system context, which sees every row under every policy.
            _step = $"opening the deployment session ({LiveSchemaRequirements.DeploymentSessionProcedure})";
            await using var dbo = new SqlConnection(database);
            await dbo.OpenAsync(cancellation);
            await LiveCommand.ExecuteAsync(dbo, $"EXECUTE {LiveSchemaRequirements.DeploymentSessionProcedure};", LiveSchemaRequirements.DeploymentSessionProcedure,
                LiveCommandTimeouts.StatementSeconds, cancellation);

            _step = "finding the application role";
            var role = await LiveBenchPrincipal.ApplicationRoleAsync(dbo, cancellation);
            if (role is null)
            {
                return (null, $"no database role may EXECUTE [{LiveSchemaRequirements.SessionProcedureSchema}].[{LiveSchemaRequirements.SessionProcedureName}] (the application role)");
            }

            _step = "reading the security policies";
            var policies = await LiveSecurityPolicies.ReadAsync(dbo, cancellation);

            // Policies off for the load only (the bench's own fresh database, no other session), then back on and verified.
            _step = "loading the volume with the security policies off";
            var watch = Stopwatch.StartNew();
            await policies.SwitchAsync(dbo, on: false, cancellation);
            await new LiveVolumeLoad(output).LoadAsync(dbo, volume, cancellation);
            _step = "switching the security policies back on after the load";
            await policies.SwitchAsync(dbo, on: true, cancellation);
            var loadSeconds = watch.Elapsed.TotalSeconds;

            _step = "creating the bench user and procedures";
            await LiveBenchPrincipal.PrepareAsync(dbo, role, cancellation);

            _step = "sampling a tenant and a tenant administrator";
            var tenantId = await LiveCommand.ScalarAsync<int>(dbo, $"SELECT MAX([TenantId]) - {volume.Tenants / 2} FROM [Tenancy].[Tenants];", "The sampled tenant", cancellation);
            var (userId, normalizedEmail) = await SampleUserAsync(dbo, tenantId, cancellation);
            var parameters = new Dictionary<string, object>
            {
                ["@TenantId"] = tenantId,
                ["@UserId"] = userId,
                ["@NormalizedEmail"] = normalizedEmail,
                ["@AfterUserId"] = userId - Math.Min(200, volume.UsersPerTenant / 2),
            };

            _step = $"opening the application session for user {userId}";
            await using var app = await LiveBenchPrincipal.OpenAsync(database, tenantId, userId, cancellation);
            _step = "checking that row-level security filters";
            await EnsureRowLevelSecurityFiltersAsync(app, dbo, tenantId, cancellation);

            var expected = new Dictionary<LiveQuery, IReadOnlyList<string>>();
            var underPolicy = new Dictionary<LiveQuery, (IReadOnlyDictionary<string, long> Reads, IReadOnlyList<TableAccess> Accesses)>();
            foreach (var query in LiveQuery.Common)
            {
                _step = $"measuring \"{query.Name}\" with the policies on";
                expected[query] = await IndexesLeadingWithAsync(dbo, query.Table, query.LeadingColumns, cancellation);
                underPolicy[query] = await MeasureAsync(app, query, parameters, cancellation);
            }

            // The same session, the same procedures, the policies off: the difference is what row-level security costs.
            var results = new List<LiveQueryResult>();
            _step = "switching the security policies off for the measurement without them";
            await policies.SwitchAsync(dbo, on: false, cancellation);
            foreach (var query in LiveQuery.Common)
            {
                _step = $"measuring \"{query.Name}\" with the policies off";
                var without = await MeasureAsync(app, query, parameters, cancellation);
                var under = underPolicy[query];
                results.Add(new LiveQueryResult(
                    query.Name,
                    under.Reads,
                    without.Reads,
                    LiveSchemaRequirements.SealTable,
                    policies.FiltersByTable,
                    under.Accesses,
                    without.Accesses,
                    SeeksOnly(under.Accesses, expected[query]),
                    SeeksOnly(without.Accesses, expected[query]),
                    expected[query].Count == 0 ? $"none leads with ({string.Join(", ", query.LeadingColumns)})" : string.Join(", ", expected[query])));
            }

            // On a failure above the database is dropped as it is (finally, below); switching back here is for the success path.
            _step = "switching the security policies back on";
            await policies.SwitchAsync(dbo, on: true, cancellation);

            return (new LiveQueryCostReport(server, volume.Tenants, volume.Users, volume.Assignments, loadSeconds, results), null);
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
            var major = await LiveCommand.ScalarAsync<int>(connection, "SELECT CAST(SERVERPROPERTY('ProductMajorVersion') AS int);", "The server's major version", cancellation);
            if (major < 16)
            {
                throw new BenchException($"SQL Server 2022 (major version 16) or later is required; the server from {ConnectionVariable} is version {major}.");
            }
        }
        catch (Exception ex) when (ex is SqlException or InvalidOperationException)
        {
            // Asked for, but unreachable: a failure with its cause, never a silent skip.
            throw new BenchException($"The SQL Server from {ConnectionVariable} cannot be used: {ex.Message}", ex);
        }
    }

    /// <summary>DacFx's deployment, every command and the whole of it bounded (<see cref="LiveCommandTimeouts"/>).</summary>
    private static async Task DeployAsync(DacpacFile dacpac, string master, string name, CancellationToken cancellation)
    {
        var dacpacPath = dacpac.Path;
        var options = new DacDeployOptions
        {
            CreateNewDatabase = true,
            BlockOnPossibleDataLoss = true,
            CommandTimeout = LiveCommandTimeouts.DeployCommandSeconds,
            LongRunningCommandTimeout = LiveCommandTimeouts.DeployLongRunningSeconds,
        };
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

        var bound = TimeSpan.FromSeconds(LiveCommandTimeouts.DeploySeconds);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(bound);
        try
        {
            await Task.Run(() => new DacServices(master).Deploy(dacpac.Package, name, upgradeExisting: false, options, deadline.Token), deadline.Token)
                .WaitAsync(bound + TimeSpan.FromSeconds(30), cancellation);
        }
        catch (Exception ex) when (!cancellation.IsCancellationRequested && (ex is TimeoutException || (deadline.IsCancellationRequested && ex is OperationCanceledException or DacServicesException)))
        {
            throw new BenchException($"Deploying {Path.GetFileName(dacpacPath)} into [{name}] did not finish within {LiveCommandTimeouts.DeploySeconds} s (LiveCommandTimeouts.DeploySeconds).", ex);
        }
        catch (DacServicesException ex)
        {
            throw new BenchException($"Deploying {Path.GetFileName(dacpacPath)} into [{name}] failed: {ex.Message}", ex);
        }
    }

    private static DacpacFile OpenDacpac(string path)
    {
        try
        {
            return DacpacFile.Open(path);
        }
        catch (DeployToolException ex)
        {
            throw new BenchException($"The dacpac {path} cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Guards the comparison: the application user must see its tenant's users and no other tenant's.</summary>
    private static async Task EnsureRowLevelSecurityFiltersAsync(SqlConnection app, SqlConnection dbo, int tenantId, CancellationToken cancellation)
    {
        var visible = await LiveCommand.ScalarAsync<int>(app, $"EXECUTE [{LiveQuery.Schema}].[usp_CountVisibleUsers];", "The users the application session sees", cancellation);
        var own = await LiveCommand.ScalarAsync<int>(dbo, $"SELECT COUNT(*) FROM [Identity].[Users] WHERE [TenantId] = {tenantId};", $"The users of tenant {tenantId}", cancellation);
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
            dbo)
        {
            CommandTimeout = LiveCommandTimeouts.StatementSeconds,
        };
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
    public static bool SeeksOnly(IReadOnlyList<TableAccess> accesses, IReadOnlyList<string> expected)
    {
        var big = accesses.Where(a => LiveQuery.BigTables.Contains(a.Table, StringComparer.OrdinalIgnoreCase)).ToList();
        return big.Count > 0 && big.All(a => a.IsSeek) && big.Any(a => expected.Contains(a.Index, StringComparer.OrdinalIgnoreCase));
    }

    private static async Task<(long UserId, string NormalizedEmail)> SampleUserAsync(SqlConnection dbo, int tenantId, CancellationToken cancellation)
    {
        await using var command = new SqlCommand(
            $"""
            SELECT TOP (1) u.[UserId], u.[NormalizedEmail]
            FROM [Identity].[Users] AS u
            JOIN [Identity].[UserRoles] AS ur ON ur.[TenantId] = u.[TenantId] AND ur.[UserId] = u.[UserId] AND ur.[Status] = 'Active'
            JOIN [Identity].[Roles] AS r ON r.[RoleId] = ur.[RoleId] AND r.[Code] = N'{LiveVolumeLoad.AdminRoleCode}'
            WHERE u.[TenantId] = @TenantId AND u.[Status] = 'Active' AND u.[LockoutEndsAt] IS NULL
            ORDER BY u.[UserId] DESC;
            """,
            dbo)
        {
            CommandTimeout = LiveCommandTimeouts.StatementSeconds,
        };
        command.Parameters.AddWithValue("@TenantId", tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation)
            ? (reader.GetInt64(0), reader.GetString(1))
            : throw new BenchException($"Tenant {tenantId} has no active user holding {LiveVolumeLoad.AdminRoleCode} to query as.");
    }

    private async Task DropAsync(string master, string name)
    {
        try
        {
            SqlConnection.ClearAllPools();
            await using var connection = new SqlConnection(master);
            await connection.OpenAsync();
            await LiveCommand.ExecuteAsync(
                connection,
                $"""
                IF DB_ID(N'{name}') IS NOT NULL
                BEGIN
                    ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;
                    DROP DATABASE [{name}];
                END
                """,
                $"Dropping [{name}]",
                LiveCommandTimeouts.DropSeconds,
                CancellationToken.None);
        }
        catch (Exception ex) when (ex is SqlException or BenchException or InvalidOperationException)
        {
            output.Line($"warning: the benchmark database [{name}] could not be dropped: {ex.Message}. Drop it by hand.");
        }
    }
}
