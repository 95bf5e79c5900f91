using Foundation.Deploy;
using Foundation.Deploy.Connections;

namespace Foundation.Database.Tests.Deployment;

public sealed class ConnectionPolicyTests
{
    [Theory]
    [InlineData("Server=db.example.com;Encrypt=True;Integrated Security=True")]
    [InlineData("Server=tcp:db.example.com,1433;Encrypt=Strict;User ID=u")]
    [InlineData("Server=localhost,14330;Encrypt=True;TrustServerCertificate=True;User ID=sa")]
    [InlineData("Server=127.0.0.1,1433;TrustServerCertificate=True")]
    [InlineData("Server=(local)\\SQL2022;Encrypt=Mandatory;TrustServerCertificate=True")]
    public void FindViolation_AcceptsEncryptedConnections_AndTrustedCertificatesOnlyLocally(string connectionString)
    {
        Assert.Null(ConnectionPolicy.FindViolation(connectionString));
    }

    [Theory]
    [InlineData("Server=db.example.com;Encrypt=False", "not encrypted")]
    [InlineData("Server=db.example.com;Encrypt=Optional", "not encrypted")]
    [InlineData("Server=db.example.com;Encrypt=True;TrustServerCertificate=True", "TrustServerCertificate=True")]
    [InlineData("Server=10.0.0.5,1433;TrustServerCertificate=True", "only for a local test container")]
    [InlineData("Encrypt=True", "names no server")]
    public void FindViolation_ExplainsTheRefusal(string connectionString, string expected)
    {
        Assert.Contains(expected, ConnectionPolicy.FindViolation(connectionString), StringComparison.Ordinal);
    }

    [Fact]
    public void Enforce_FailsWithConnectionFailed_AndNeverEchoesThePassword()
    {
        var ex = Assert.Throws<DeployToolException>(() => ConnectionPolicy.Enforce("Server=db.example.com;Encrypt=False;User ID=sa;Password=hunter2"));

        Assert.Equal(ExitCode.ConnectionFailed, ex.ExitCode);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("tcp:127.0.0.1,14333", true)]
    [InlineData("[::1]", true)]
    [InlineData("localhost.example.com", false)]
    [InlineData("sql-prod-01", false)]
    public void IsLocalServer_RecognisesOnlyThisMachine(string dataSource, bool expected)
    {
        Assert.Equal(expected, ConnectionPolicy.IsLocalServer(dataSource));
    }
}
