using Microsoft.Data.SqlClient;

namespace Foundation.Deploy.Connections;

/// <summary>
/// Foundation's rule for every connection its tooling opens:
/// <list type="bullet">
/// <item>encryption is required (<c>Encrypt=Mandatory</c> or <c>Strict</c>; <c>Encrypt=False/Optional</c> is refused);</item>
/// <item><c>TrustServerCertificate=True</c> is refused unless <b>every</b> host the connection can reach is this machine
/// (a local test container): the data source and the <c>Failover Partner</c>, whatever the protocol prefix
/// (<c>tcp:</c>, <c>np:</c>, <c>lpc:</c>, <c>admin:</c>), instance name or port (<see cref="DataSourceAddress"/>), or a host
/// named in <c>FOUNDATION_LOCAL_SQL_HOSTS</c>: the explicit opt-in for container-in-container development (a devcontainer
/// or Docker-in-Docker reaches its sibling SQL Server container through the bridge gateway, e.g. 172.17.0.1).</item>
/// </list>
/// Static and free of tool dependencies so other tooling can call it: <see cref="FindViolation"/> returns the reason a
/// connection string breaks the rule (or null), <see cref="Enforce"/> throws it. A connection string that does not
/// parse is bad input (exit 3), not a policy refusal (exit 4).
/// </summary>
public static class ConnectionPolicy
{
    /// <summary>Comma- or semicolon-separated host names to treat as local test containers; never set it for a real server.</summary>
    public const string LocalHostsVariable = "FOUNDATION_LOCAL_SQL_HOSTS";

    /// <summary>Returns why the connection string breaks the policy (or does not parse), or null when it complies. Never echoes the password.</summary>
    public static string? FindViolation(string connectionString)
    {
        if (TryParse(connectionString, out var error) is not { } builder)
        {
            return error;
        }

        return FindBuilderViolation(builder);
    }

    /// <summary>
    /// Checks a connection string from <paramref name="source"/> (e.g. "--connection"): throws exit code InvalidInput
    /// when it does not parse, ConnectionFailed when it breaks the policy; returns the parsed builder otherwise.
    /// </summary>
    public static SqlConnectionStringBuilder Enforce(string connectionString, string source = "the connection string")
    {
        var builder = TryParse(connectionString, out var error)
            ?? throw DeployToolException.InvalidInput($"{Capitalise(source)} is not a valid connection string: {error}");
        var violation = FindBuilderViolation(builder);
        if (violation is not null)
        {
            throw new DeployToolException(ExitCode.ConnectionFailed, $"Connection refused by policy ({source}): {violation}");
        }

        return builder;
    }

    /// <summary>True when the data source is this machine (any protocol prefix, instance or port).</summary>
    public static bool IsLocalServer(string dataSource) => DataSourceAddress.Parse(dataSource).IsLocal;

    private static string? FindBuilderViolation(SqlConnectionStringBuilder builder)
    {
        var server = builder.DataSource;
        if (string.IsNullOrWhiteSpace(server))
        {
            return "The connection string names no server (Data Source/Server).";
        }

        if (builder.Encrypt == SqlConnectionEncryptOption.Optional)
        {
            return $"The connection to '{server}' is not encrypted (Encrypt=False/Optional). Foundation requires Encrypt=Mandatory or Encrypt=Strict.";
        }

        if (builder.TrustServerCertificate)
        {
            var hosts = new List<(string Keyword, string Value)> { ("Data Source", server) };
            if (!string.IsNullOrWhiteSpace(builder.FailoverPartner))
            {
                hosts.Add(("Failover Partner", builder.FailoverPartner));
            }

            var declared = Environment.GetEnvironmentVariable(LocalHostsVariable);
            foreach (var (keyword, value) in hosts.Where(h => !IsLocalServer(h.Value) && !IsDeclaredLocal(h.Value, declared)))
            {
                return $"The connection sets TrustServerCertificate=True and its {keyword} '{value}' is not this machine: Foundation allows that only for a local test container (localhost/127.0.0.1, or a container host listed in {LocalHostsVariable}). Install a certificate the client trusts, or use Encrypt=Strict with HostNameInCertificate.";
            }
        }

        return null;
    }

    private static SqlConnectionStringBuilder? TryParse(string connectionString, out string? error)
    {
        try
        {
            error = null;
            return new SqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            // SqlClient's messages name the keyword or the position, never a value, so no password is echoed.
            error = ex.Message;
            return null;
        }
    }

    /// <summary>True when the data source's host is one of <paramref name="declaredHosts"/> (the value of <see cref="LocalHostsVariable"/>).</summary>
    public static bool IsDeclaredLocal(string dataSource, string? declaredHosts) =>
        !string.IsNullOrWhiteSpace(declaredHosts)
        && declaredHosts.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Contains(DataSourceAddress.Parse(dataSource).Host, StringComparer.OrdinalIgnoreCase);

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
