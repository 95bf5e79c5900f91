using Foundation.Deploy;
using Foundation.Deploy.Connections;

namespace Foundation.Database.Tests.Deployment.Cli;

/// <summary>
/// TrustServerCertificate=True only when every host a connection string can reach is this machine: the data source and
/// the failover partner, whatever protocol prefix, instance or port; a string that does not parse is bad input.
/// </summary>
public sealed class ConnectionHostPolicyTests
{
    [Theory]
    [InlineData("localhost", null, "localhost", null, null)]
    [InlineData("tcp:db.example.com,1433", "tcp", "db.example.com", null, "1433")]
    [InlineData(@"np:\\db.example.com\pipe\MSSQL$SALES\sql\query", "np", "db.example.com", "SALES", null)]
    [InlineData(@"np:\\.\pipe\sql\query", "np", ".", null, null)]
    [InlineData("admin:db.example.com", "admin", "db.example.com", null, null)]
    [InlineData(@"lpc:(local)\SQL2022", "lpc", "(local)", "SQL2022", null)]
    [InlineData(@"db.example.com\SALES,14330", null, "db.example.com", "SALES", "14330")]
    [InlineData("[::1],1433", null, "[::1]", null, "1433")]
    public void DataSourceAddress_SplitsEveryForm(string dataSource, string? protocol, string host, string? instance, string? port)
    {
        Assert.Equal(new DataSourceAddress(protocol, host, instance, port), DataSourceAddress.Parse(dataSource));
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("127.0.0.2", true)]
    [InlineData("[::1]", true)]
    [InlineData(@"np:\\.\pipe\sql\query", true)]
    [InlineData(@"admin:(local)", true)]
    [InlineData("tcp:localhost,14333", true)]
    [InlineData(@"np:\\db.example.com\pipe\sql\query", false)]
    [InlineData("admin:db.example.com", false)]
    [InlineData("lpc:db.example.com", false)]
    [InlineData("localhost.example.com", false)]
    [InlineData("10.0.0.5", false)]
    public void IsLocal_IsTrueOnlyForThisMachine(string dataSource, bool local)
    {
        Assert.Equal(local, ConnectionPolicy.IsLocalServer(dataSource));
    }

    [Theory]
    [InlineData("Server=localhost;Failover Partner=db.example.com;Encrypt=True;TrustServerCertificate=True", "Failover Partner 'db.example.com'")]
    [InlineData(@"Server=np:\\db.example.com\pipe\sql\query;Encrypt=True;TrustServerCertificate=True", @"Data Source 'np:\\db.example.com\pipe\sql\query'")]
    [InlineData("Server=admin:db.example.com;Encrypt=True;TrustServerCertificate=True", "Data Source 'admin:db.example.com'")]
    [InlineData(@"Server=tcp:db.example.com\SALES,1433;Encrypt=True;TrustServerCertificate=True", @"Data Source 'tcp:db.example.com\SALES,1433'")]
    public void FindViolation_RefusesTrustedCertificates_ToAnyRemoteHost(string connectionString, string named)
    {
        Assert.Contains(named, ConnectionPolicy.FindViolation(connectionString), StringComparison.Ordinal);
    }

    [Fact]
    public void FindViolation_AcceptsTrustedCertificates_WhenEveryHostIsLocal()
    {
        Assert.Null(ConnectionPolicy.FindViolation("Server=tcp:127.0.0.1,14330;Failover Partner=localhost,14331;Encrypt=True;TrustServerCertificate=True"));
    }

    [Fact]
    public void Enforce_CallsAMalformedStringBadInput_NamingItsSource()
    {
        var malformed = Assert.Throws<DeployToolException>(() => ConnectionPolicy.Enforce("Server=db;Encrypt=Maybe;Password=hunter2", "--connection"));
        var refused = Assert.Throws<DeployToolException>(() => ConnectionPolicy.Enforce("Server=db;Encrypt=False;Password=hunter2", "--connection"));

        Assert.Equal((ExitCode.InvalidInput, ExitCode.ConnectionFailed), (malformed.ExitCode, refused.ExitCode));
        Assert.StartsWith("--connection is not a valid connection string", malformed.Message, StringComparison.Ordinal);
        Assert.StartsWith("Connection refused by policy (--connection)", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", malformed.Message + refused.Message, StringComparison.Ordinal);
    }
}
