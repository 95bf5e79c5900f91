using Foundation.Deploy.Publishing;

namespace Foundation.Database.Tests.Deployment;

/// <summary>
/// Drift leaves out the objects post-deployment creates on purpose outside the model (the database audit
/// specification of step 080), and only those: any other object the release lacks is drift. The report below is the
/// shape DacFx gives for a live database that has them (DacFx's offline compare of two dacpacs reports no audit
/// specification at all, so this cannot be produced without a server: the live test
/// AuditSpecificationLiveTests.SecondPublish_DropsObjectsNotInSource_ButIsNotRefusedAsDrift_AndKeepsTheAuditSpecification covers that).
/// </summary>
public sealed class DriftDetectorTests
{
    private const string Report = """
        <?xml version="1.0" encoding="utf-8"?><DeploymentReport xmlns="http://schemas.microsoft.com/sqlserver/dac/DeployReport/2012/02"><Alerts />
        <Operations><Operation Name="Drop">
          <Item Value="[FoundationDatabaseAudit]" Type="SqlDatabaseAuditSpecification" />
          <Item Value="[RogueAudit]" Type="SqlDatabaseAuditSpecification" />
          <Item Value="[dbo].[ManualHotfix]" Type="SqlTable" />
        </Operation></Operations></DeploymentReport>
        """;

    [Fact]
    public void Differences_LeaveOutTheAuditSpecificationPostDeploymentCreates_AndNothingElse()
    {
        var differences = DriftDetector.Differences(Report);

        Assert.Equal(["[RogueAudit]", "[dbo].[ManualHotfix]"], differences.Select(d => d.ObjectName));
        Assert.Contains("exists in the database but not in the release", differences[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_CompareEveryObjectTheDatabaseHas_ButTheEnvironmentsOwn()
    {
        using var dacpac = Foundation.Deploy.Dacpacs.DacpacFile.Open(Infrastructure.RepositoryPaths.Dacpac);

        var options = DriftDetector.Options(dacpac);

        Assert.True(options.DropObjectsNotInSource);
        Assert.DoesNotContain(Microsoft.SqlServer.Dac.ObjectType.DatabaseAuditSpecifications, options.ExcludeObjectTypes);
        Assert.Contains(Microsoft.SqlServer.Dac.ObjectType.Users, options.ExcludeObjectTypes);
    }
}
