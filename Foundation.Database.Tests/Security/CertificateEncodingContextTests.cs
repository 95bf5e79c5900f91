using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.Security;

/// <summary>
/// tools/sql/server/040-MonitoringSigner.sql copies the public key of the database's signing certificate to master. It
/// switches to master first, so the CERTENCODED that reads the key must run in the Foundation database: run in master it
/// encodes master's certificate with the same id (another certificate, or NULL), and the release step fails every time.
/// </summary>
public sealed class CertificateEncodingContextTests
{
    private static string MonitoringSigner => SqlCmdScript.Expand(
        Path.Combine(RepositoryPaths.Root, "tools", "sql", "server", "040-MonitoringSigner.sql"),
        new Dictionary<string, string> { ["DatabaseName"] = "Foundation" });

    [Fact]
    public void MonitoringSigner_EncodesTheCertificate_InTheDatabaseThatHoldsIt()
    {
        var violations = CertificateEncodingContext.FindViolations(MonitoringSigner);

        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.Contains("CERTENCODED", MonitoringSigner, StringComparison.Ordinal);
    }

    [Fact]
    public void FindViolations_FindsCertificateEncoding_RunFromMasterAgainstAnotherDatabasesCatalogue()
    {
        // The script as first written: sp_executesql run from master, reading [Foundation].[sys].[certificates].
        var broken = MonitoringSigner
            .Replace("EXECUTE @ExecuteInDatabase @Read", "EXECUTE [sys].[sp_executesql] @Read", StringComparison.Ordinal)
            .Replace("FROM [sys].[certificates]\n    WHERE [name] LIKE N''Foundation", "FROM ' + QUOTENAME(N'Foundation') + N'.[sys].[certificates]\n    WHERE [name] LIKE N''Foundation", StringComparison.Ordinal);

        var violations = CertificateEncodingContext.FindViolations(broken);

        Assert.NotEqual(MonitoringSigner, broken);
        Assert.Contains(violations, v => v.Contains("in database 'master'", StringComparison.Ordinal) && v.Contains("'Foundation'", StringComparison.Ordinal));
    }

    [Fact]
    public void FindViolations_AcceptsCertificateEncoding_InTheDatabaseWhoseCatalogueItReads()
    {
        const string script = "USE [master];\nGO\nDECLARE @Read NVARCHAR(MAX) = N'SELECT @Key = CERTENCODED([certificate_id]) FROM [sys].[certificates];';\nDECLARE @Key VARBINARY(MAX);\nEXECUTE [sys].[sp_executesql] @Read, N'@Key VARBINARY(MAX) OUTPUT', @Key = @Key OUTPUT;\n";

        Assert.Empty(CertificateEncodingContext.FindViolations(script));
    }
}
