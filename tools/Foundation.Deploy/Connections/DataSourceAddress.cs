using System.Net;

namespace Foundation.Deploy.Connections;

/// <summary>
/// A SqlClient data source split into its parts: <c>[protocol:]host[\instance][,port]</c>, with the protocol prefixes
/// SqlClient knows (<c>tcp:</c>, <c>np:</c> for named pipes, <c>lpc:</c> for shared memory, <c>admin:</c> for the
/// dedicated admin connection) and the named-pipe form <c>np:\\host\pipe\...</c>. Used to decide whether a host is this
/// machine; it never resolves names (a DNS name other than <c>localhost</c> is never local).
/// </summary>
public sealed record DataSourceAddress(string? Protocol, string Host, string? Instance, string? Port)
{
    private static readonly string[] _protocols = ["tcp", "np", "lpc", "admin"];
    private static readonly string[] _localNames = ["localhost", "(local)", ".", "(localdb)"];

    public static DataSourceAddress Parse(string dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var text = dataSource.Trim();
        string? protocol = null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && _protocols.Contains(text[..colon].Trim(), StringComparer.OrdinalIgnoreCase))
        {
            protocol = text[..colon].Trim().ToLowerInvariant();
            text = text[(colon + 1)..].Trim();
        }

        if (text.StartsWith(@"\\", StringComparison.Ordinal))
        {
            // Named pipe path: \\host\pipe\[MSSQL$instance\]sql\query
            var segments = text[2..].Split('\\');
            var instance = segments.FirstOrDefault(s => s.StartsWith("MSSQL$", StringComparison.OrdinalIgnoreCase))?[6..];
            return new DataSourceAddress(protocol ?? "np", segments[0], instance, null);
        }

        string? port = null;
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            port = text[(comma + 1)..].Trim();
            text = text[..comma];
        }

        string? instanceName = null;
        var backslash = text.IndexOf('\\', StringComparison.Ordinal);
        if (backslash >= 0)
        {
            instanceName = text[(backslash + 1)..].Trim();
            text = text[..backslash];
        }

        return new DataSourceAddress(protocol, text.Trim(), instanceName, port);
    }

    /// <summary>True when the host is this machine: localhost, (local), ., (localdb) or a loopback address (127.0.0.0/8, ::1).</summary>
    public bool IsLocal =>
        _localNames.Contains(Host, StringComparer.OrdinalIgnoreCase)
        || (IPAddress.TryParse(Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
