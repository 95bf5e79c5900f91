using Microsoft.Data.SqlClient;

namespace Foundation.Deploy.Connections;

/// <summary>
/// Foundation's rule for every connection its tooling opens:
/// <list type="bullet">
/// <item>encryption is required (<c>Encrypt=Mandatory</c> or <c>Strict</c>; <c>Encrypt=False/Optional</c> is refused);</item>
/// <item><c>TrustServerCertificate=True</c> is refused unless the server is a local test container
/// (<c>localhost</c>, <c>127.0.0.1</c>, <c>::1</c>, <c>(local)</c> or <c>.</c>, any port), or a host named in
/// <c>FOUNDATION_LOCAL_SQL_HOSTS</c>: the explicit opt-in for container-in-container development (a devcontainer or
/// Docker-in-Docker reaches its sibling SQL Server container through the bridge gateway, e.g. 172.17.0.1).</item>
/// </list>
/// Static and free of tool dependencies so other tooling can call it: <see cref="FindViolation"/> returns the reason a
/// connection string breaks the rule (or null), <see cref="Enforce"/> throws it.
/// </summary>
public static class ConnectionPolicy
{
    /// <summary>Comma- or semicolon-separated host names to treat as local test containers; never set it for a real server.</summary>
    public const string LocalHostsVariable = "FOUNDATION_LOCAL_SQL_HOSTS";

    private static readonly string[] _localHosts = ["localhost", "127.0.0.1", "::1", "[::1]", "(local)", ".", "(localdb)"];

    /// <summary>Returns why the connection string breaks the policy, or null when it complies. Never echoes the password.</summary>
    public static string? FindViolation(string connectionString)
    {
        SqlConnectionStringBuilder builder;
        try
        {
            builder = new SqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            return $"The connection string is not valid: {ex.Message}";
        }

        var server = builder.DataSource;
        if (string.IsNullOrWhiteSpace(server))
        {
            return "The connection string names no server (Data Source/Server).";
        }

        if (builder.Encrypt == SqlConnectionEncryptOption.Optional)
        {
            return $"The connection to '{server}' is not encrypted (Encrypt=False/Optional). Foundation requires Encrypt=Mandatory or Encrypt=Strict.";
        }

        if (builder.TrustServerCertificate && !IsLocalServer(server) && !IsDeclaredLocal(server, Environment.GetEnvironmentVariable(LocalHostsVariable)))
        {
            return $"The connection to '{server}' sets TrustServerCertificate=True, which Foundation allows only for a local test container (localhost/127.0.0.1, or a container host listed in {LocalHostsVariable}). Install a certificate the client trusts, or use Encrypt=Strict with HostNameInCertificate.";
        }

        return null;
    }

    /// <summary>Throws <see cref="DeployToolException"/> (exit code ConnectionFailed) when the policy is broken; returns the parsed builder otherwise.</summary>
    public static SqlConnectionStringBuilder Enforce(string connectionString)
    {
        var violation = FindViolation(connectionString);
        if (violation is not null)
        {
            throw new DeployToolException(ExitCode.ConnectionFailed, "Connection refused by policy: " + violation);
        }

        return new SqlConnectionStringBuilder(connectionString);
    }

    /// <summary>True when the data source is this machine: host part before any ',port' or '\instance', with an optional tcp: prefix.</summary>
    public static bool IsLocalServer(string dataSource) => _localHosts.Contains(HostOf(dataSource), StringComparer.OrdinalIgnoreCase);

    /// <summary>True when the data source's host is one of <paramref name="declaredHosts"/> (the value of <see cref="LocalHostsVariable"/>).</summary>
    public static bool IsDeclaredLocal(string dataSource, string? declaredHosts) =>
        !string.IsNullOrWhiteSpace(declaredHosts)
        && declaredHosts.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Contains(HostOf(dataSource), StringComparer.OrdinalIgnoreCase);

    private static string HostOf(string dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var host = dataSource.Trim();
        if (host.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase))
        {
            host = host[4..];
        }

        var comma = host.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            host = host[..comma];
        }

        var backslash = host.IndexOf('\\', StringComparison.Ordinal);
        if (backslash >= 0)
        {
            host = host[..backslash];
        }

        return host.Trim();
    }
}
