using Foundation.Database.Tests.Deployment.Fixtures;
using Foundation.Database.Tests.Infrastructure;
using Foundation.Deploy.Profiles;
using Foundation.Deploy.Publishing;
using Microsoft.SqlServer.Dac;

namespace Foundation.Database.Tests.Security;

/// <summary>
/// The certificate that signs the Monitoring procedures, its user and its signatures are made by post-deployment step
/// 070, not by the model. DacFx models certificates and signatures, so a deployment with DropObjectsNotInSource would
/// drop them, and the drift check would report them: neither may happen. Small fixture models stand for the database
/// (the rule is about options, not the schema), so the test stays fast.
/// </summary>
public sealed class SigningCertificateDeploymentTests : IDisposable
{
    private const string Signer = "FoundationMonitoringSigner_20250101120000000";
    private readonly FixtureDacpacs _dacpacs = new();
    private readonly string _source;
    private readonly string _signedTarget;

    public SigningCertificateDeploymentTests()
    {
        string[] model =
        [
            "CREATE SCHEMA [Monitoring] AUTHORIZATION [dbo];",
            "CREATE PROCEDURE [Monitoring].[usp_Probe] AS SELECT 1 AS [One];",
        ];
        _source = _dacpacs.Build("source", model);
        _signedTarget = _dacpacs.Build("signed", model.Concat(
        [
            $"CREATE CERTIFICATE [{Signer}] ENCRYPTION BY PASSWORD = 'Fixture-Only-1a!' WITH SUBJECT = N'fixture', EXPIRY_DATE = '20991231';",
            $"CREATE USER [{Signer}] FROM CERTIFICATE [{Signer}];",
            $"ADD SIGNATURE TO [Monitoring].[usp_Probe] BY CERTIFICATE [{Signer}] WITH SIGNATURE = 0x0102;",
        ]));
    }

    public static TheoryData<string> Profiles => new(Directory.EnumerateFiles(Path.Combine(RepositoryPaths.DatabaseProjectDirectory, "Profiles"), "*.publish.xml")
        .Select(Path.GetFileName)
        .Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Deployment_LeavesTheSigningCertificateAndItsSignatures_WithEveryProfile(string profile)
    {
        var options = PublishProfileReader.Read(Path.Combine(RepositoryPaths.DatabaseProjectDirectory, "Profiles", profile)).DeployOptions;

        var drops = SignerDrops(Script(options));

        Assert.True(drops.Count == 0, $"{profile} would drop:\n" + string.Join("\n", drops));
    }

    [Fact]
    public void DriftCheck_DoesNotReportTheSigningCertificateOrItsSignatures()
    {
        using var source = DacPackage.Load(_source);
        using var target = DacPackage.Load(_signedTarget);

        var report = DacServices.GenerateDeployReport(source, target, "Foundation", DriftDetector.ComparisonOptions());

        Assert.DoesNotContain(Signer, report, StringComparison.Ordinal);
    }

    [Fact]
    public void SignerDrops_AreFound_WhenTheOptionsDropObjectsNotInSourceWithoutTheExclusion()
    {
        var broken = new DacDeployOptions { DropObjectsNotInSource = true };

        var drops = SignerDrops(Script(broken));

        Assert.Contains(drops, d => d.StartsWith("DROP CERTIFICATE", StringComparison.Ordinal));
        Assert.Contains(drops, d => d.StartsWith("DROP SIGNATURE", StringComparison.Ordinal));
    }

    public void Dispose() => _dacpacs.Dispose();

    private string Script(DacDeployOptions options)
    {
        using var source = DacPackage.Load(_source);
        using var target = DacPackage.Load(_signedTarget);
        return DacServices.GenerateDeployScript(source, target, "Foundation", options);
    }

    private static List<string> SignerDrops(string script) =>
        script.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("DROP ", StringComparison.Ordinal))
            .Where(line => line.StartsWith("DROP SIGNATURE", StringComparison.Ordinal) || line.Contains(Signer, StringComparison.Ordinal))
            .ToList();
}
