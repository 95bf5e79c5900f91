using Foundation.Deploy.Cli;
using Microsoft.Data.SqlClient;

namespace Foundation.Deploy.Connections;

/// <summary>
/// SqlClient's configurable retry logic (learn.microsoft.com, "Configurable retry logic in SqlClient"; no AppContext
/// switch needed since Microsoft.Data.SqlClient 4.0, and the default provider never retries) for connections and
/// commands that only read: <c>history</c>, <c>verify</c>, <c>drift</c> and the state reads before a plan. Deployments
/// and anything that writes are never retried: a retried DDL batch could run twice.
/// <para>
/// Three tries with exponential back-off (1 s, then up to 10 s) on transient errors only. The list is SqlClient's
/// built-in one without 207/102/2812 (invalid column, syntax error, missing procedure: never transient) and 4060 (a
/// database that does not exist would be retried for nothing). Each retry is reported as progress.
/// </para>
/// </summary>
public static class ReadRetryPolicy
{
    public const int NumberOfTries = 3;

    /// <summary>Deadlock, lock timeout, Azure throttling/failover, connection reset/timeout (-2), broken pipe.</summary>
    public static readonly IReadOnlyList<int> TransientErrors =
        [1204, 1205, 1222, 49918, 49919, 49920, 4221, 40143, 40613, 40501, 40540, 40197, 10929, 10928, 10060, 10054, 10053, 997, 233, 64, -2];

    /// <summary>A new provider (providers keep per-operation state, so each connection or command gets its own).</summary>
    public static SqlRetryLogicBaseProvider Create()
    {
        var provider = SqlConfigurableRetryFactory.CreateExponentialRetryProvider(new SqlRetryLogicOption
        {
            NumberOfTries = NumberOfTries,
            DeltaTime = TimeSpan.FromSeconds(1),
            MaxTimeInterval = TimeSpan.FromSeconds(10),
            TransientErrors = TransientErrors,
        });
        provider.Retrying += (_, e) =>
        {
            var last = e.Exceptions.Count > 0 ? e.Exceptions[^1] : null;
            var error = last is SqlException sql ? $"SQL error {sql.Number}" : last?.GetType().Name ?? "transient error";
            ToolProgress.Report($"{error}: {last?.Message.ReplaceLineEndings(" ")} Retrying in {e.Delay.TotalSeconds:0.0} s (try {e.RetryCount + 1} of {NumberOfTries}).");
        };
        return provider;
    }
}
