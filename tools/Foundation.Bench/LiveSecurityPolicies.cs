using Microsoft.Data.SqlClient;

namespace Foundation.Bench;

/// <summary>
/// The security policies as the deployed database has them (never hard-coded names: the layout of the
/// policies may change), which tables each one filters, and switching them off and on for the measurement without the policies.
/// Switching is done only in the benchmark's own database (random name, created and dropped by the run, reached only by
/// the run's two sessions), and every switch is verified in sys.security_policies before the run goes on.
/// </summary>
public sealed class LiveSecurityPolicies(IReadOnlyList<string> enabled, IReadOnlyDictionary<string, string> filtersByTable)
{
    /// <summary>The policies that were on when read, as [schema].[name].</summary>
    public IReadOnlyList<string> Enabled => enabled;

    /// <summary>By table name (as STATISTICS IO prints it): the policies with a FILTER predicate on it.</summary>
    public IReadOnlyDictionary<string, string> FiltersByTable => filtersByTable;

    public static async Task<LiveSecurityPolicies> ReadAsync(SqlConnection dbo, CancellationToken cancellation)
    {
        var enabled = new List<string>();
        await using (var command = new SqlCommand(
            "SELECT QUOTENAME(SCHEMA_NAME([schema_id])) + N'.' + QUOTENAME([name]) FROM sys.security_policies WHERE [is_enabled] = 1 ORDER BY 1;",
            dbo) { CommandTimeout = LiveCommandTimeouts.StatementSeconds })
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                enabled.Add(reader.GetString(0));
            }
        }

        var filters = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        await using (var command = new SqlCommand(
            """
            SELECT OBJECT_NAME([predicate].[target_object_id]), QUOTENAME(SCHEMA_NAME([policy].[schema_id])) + N'.' + QUOTENAME([policy].[name])
            FROM sys.security_predicates AS [predicate]
            JOIN sys.security_policies AS [policy] ON [policy].[object_id] = [predicate].[object_id]
            WHERE [predicate].[predicate_type_desc] = N'FILTER';
            """,
            dbo) { CommandTimeout = LiveCommandTimeouts.StatementSeconds })
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                var table = reader.GetString(0);
                if (!filters.TryGetValue(table, out var policies))
                {
                    filters[table] = policies = new SortedSet<string>(StringComparer.Ordinal);
                }

                policies.Add(reader.GetString(1));
            }
        }

        return enabled.Count == 0
            ? throw new BenchException("No security policy is enabled in the deployed database: there is no row-level security to measure.")
            : new LiveSecurityPolicies(enabled, filters.ToDictionary(f => f.Key, f => string.Join(", ", f.Value), StringComparer.Ordinal));
    }

    /// <summary>Switches every policy of <see cref="Enabled"/> off or on, then checks the database says so.</summary>
    public async Task SwitchAsync(SqlConnection dbo, bool on, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(dbo);
        var state = on ? "ON" : "OFF";
        foreach (var policy in enabled)
        {
            await LiveCommand.ExecuteAsync(dbo, $"ALTER SECURITY POLICY {policy} WITH (STATE = {state});", $"ALTER SECURITY POLICY {policy} WITH (STATE = {state})",
                LiveCommandTimeouts.PolicySwitchSeconds, cancellation);
        }

        var wrong = new List<string>();
        await using var command = new SqlCommand(
            "SELECT QUOTENAME(SCHEMA_NAME([schema_id])) + N'.' + QUOTENAME([name]), [is_enabled] FROM sys.security_policies;",
            dbo) { CommandTimeout = LiveCommandTimeouts.StatementSeconds };
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            if (enabled.Contains(reader.GetString(0), StringComparer.Ordinal) && reader.GetBoolean(1) != on)
            {
                wrong.Add(reader.GetString(0));
            }
        }

        if (wrong.Count > 0)
        {
            throw new BenchException($"After switching the security policies {state}, these are still not {state}: {string.Join(", ", wrong)}.");
        }
    }
}
