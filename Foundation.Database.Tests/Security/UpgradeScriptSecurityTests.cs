using Foundation.Database.Tests.Deployment.Fixtures;
using Foundation.Database.Tests.Infrastructure;
using Foundation.Deploy.Dacpacs;
using Foundation.Deploy.Profiles;
using Microsoft.SqlServer.Dac;

namespace Foundation.Database.Tests.Security;

/// <summary>
/// What DacFx really runs when this build is deployed over the released 1.0.0 baseline with the Production profile:
/// the grants that earlier releases made and this one withdraws are DENIED or REVOKED (DacFx does not revoke a GRANT that
/// only leaves the model), the session resolver keeps CONNECT, and the deployment context is set after the last change
/// to the security functions. Generated once for the class (the script of a full upgrade takes seconds).
/// </summary>
public sealed class UpgradeScriptSecurityTests(UpgradeScriptSecurityTests.UpgradeScript upgrade) : IClassFixture<UpgradeScriptSecurityTests.UpgradeScript>
{
    [Theory]
    [InlineData("DENY EXECUTE ON OBJECT::[Security].[usp_SetSessionContext] TO [FoundationReporting]")]
    [InlineData("DENY ALTER ON ROLE::[FoundationApplication] TO [FoundationSecurityAdmin]")]
    [InlineData("DENY ALTER ON ROLE::[FoundationReporting] TO [FoundationSecurityAdmin]")]
    [InlineData("GRANT CONNECT TO [FoundationSessionResolver]")]
    [InlineData("REVOKE VIEW DATABASE PERFORMANCE STATE FROM [FoundationMonitoring]")]
    [InlineData("REVOKE VIEW DEFINITION ON SCHEMA::[Identity] FROM [FoundationMonitoring]")]
    public void Upgrade_WithdrawsWhatEarlierReleasesGranted(string statement)
    {
        Assert.Contains(statement, upgrade.OneLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Upgrade_NeverRevokesConnectFromTheSessionResolver()
    {
        Assert.DoesNotContain("REVOKE CONNECT TO [FoundationSessionResolver]", upgrade.OneLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Upgrade_SetsTheDeploymentContext_AfterTheLastChangeToASecurityFunction()
    {
        var lastFunctionChange = Math.Max(
            upgrade.Script.LastIndexOf("ALTER FUNCTION [Security].", StringComparison.Ordinal),
            upgrade.Script.LastIndexOf("CREATE FUNCTION [Security].", StringComparison.Ordinal));
        var lastContext = upgrade.Script.LastIndexOf("EXECUTE [Security].[usp_SetDeploymentSessionContext];", StringComparison.Ordinal);

        Assert.True(lastFunctionChange > 0, "The upgrade changes no security function; the fixture no longer tests the order.");
        Assert.True(lastContext > lastFunctionChange, "The deployment context is not (re)established after the security functions change.");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DacFx_RevokesConnectFromAUserWithoutLogin_UnlessTheModelGrantsIt(bool granted)
    {
        // Why the model grants CONNECT to FoundationSessionResolver (docs/security.md, "The session resolver"): a fresh
        // deployment of a user WITHOUT LOGIN is followed by REVOKE CONNECT unless the model grants it.
        using var dacpacs = new FixtureDacpacs();
        string[] user = ["CREATE USER [Resolver] WITHOUT LOGIN WITH DEFAULT_SCHEMA = [dbo];"];
        var path = dacpacs.Build(granted ? "granted" : "revoked", granted ? user.Append("GRANT CONNECT TO [Resolver];") : user);
        using var package = DacPackage.Load(path);

        var script = DacServices.GenerateCreateScript(package, "Foundation", new DacDeployOptions());

        Assert.Equal(!granted, script.Contains("REVOKE CONNECT TO [Resolver]", StringComparison.Ordinal));
        Assert.Equal(granted, script.Contains("GRANT CONNECT TO [Resolver]", StringComparison.Ordinal));
    }

    [Fact]
    public void DacFx_RefusesToMoveATableBetweenPolicies_WhenObjectsNotInSourceAreKept()
    {
        // Why the policy names of release 1.0 stay (docs/security.md, "Security policies"): with DropObjectsNotInSource
        // off, as in every profile, DacFx refuses at plan time to give a table a policy the other side lacks.
        using var dacpacs = new FixtureDacpacs();
        string[] tables =
        [
            "CREATE SCHEMA [S] AUTHORIZATION [dbo];",
            "CREATE TABLE [S].[A] ([TenantId] INT NOT NULL CONSTRAINT [PK_S_A] PRIMARY KEY);",
            "CREATE TABLE [S].[B] ([TenantId] INT NOT NULL CONSTRAINT [PK_S_B] PRIMARY KEY);",
            "CREATE FUNCTION [S].[fn_Tenant](@TenantId INT) RETURNS TABLE WITH SCHEMABINDING AS RETURN SELECT 1 AS [AccessResult] WHERE @TenantId = 1;",
        ];
        var shared = dacpacs.Build("shared", tables.Append("CREATE SECURITY POLICY [S].[SharedPolicy] ADD FILTER PREDICATE [S].[fn_Tenant]([TenantId]) ON [S].[A], ADD FILTER PREDICATE [S].[fn_Tenant]([TenantId]) ON [S].[B];"));
        var split = dacpacs.Build("split", tables.Concat(
            ["CREATE SECURITY POLICY [S].[APolicy] ADD FILTER PREDICATE [S].[fn_Tenant]([TenantId]) ON [S].[A];",
             "CREATE SECURITY POLICY [S].[BPolicy] ADD FILTER PREDICATE [S].[fn_Tenant]([TenantId]) ON [S].[B];"]));
        using var source = DacPackage.Load(split);
        using var target = DacPackage.Load(shared);

        var refused = Assert.Throws<DacServicesException>(() => DacServices.GenerateDeployScript(source, target, "Foundation", upgrade.Options));

        Assert.Contains("conflicts between the source and target row-level security policies", refused.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The upgrade script from the 1.0.0 baseline to this build, with the Production profile's options.</summary>
    public sealed class UpgradeScript
    {
        public UpgradeScript()
        {
            Options = PublishProfileReader.Read(Path.Combine(RepositoryPaths.DatabaseProjectDirectory, "Profiles", "Production.publish.xml")).DeployOptions;
            var baseline = ArtifactStore.LatestBaseline(Path.Combine(RepositoryPaths.Root, ArtifactStore.BaselinesRelativePath))
                ?? throw new InvalidOperationException("No release baseline under Fixtures/Baselines.");
            using var source = DacPackage.Load(RepositoryPaths.Dacpac);
            using var target = DacPackage.Load(baseline);
            Script = DacServices.GenerateDeployScript(source, target, "Foundation", Options);
            OneLine = System.Text.RegularExpressions.Regex.Replace(Script, @"\s+", " ");
        }

        public DacDeployOptions Options { get; }

        public string Script { get; }

        /// <summary>The script with every run of white space collapsed to one space.</summary>
        public string OneLine { get; }
    }
}
