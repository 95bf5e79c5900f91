using Foundation.Deploy.Planning;

namespace Foundation.Database.Tests.Deployment;

/// <summary>Expand/contract: what a migration reads, matched against what a deployment drops.</summary>
public sealed class MigrationReadsTests
{
    [Fact]
    public void Reads_TheTablesAndColumnsTheScriptNames_ThroughAliases()
    {
        var reads = MigrationReads.Of("UPDATE [u] SET [DisplayName] = [u].[LegacyName] FROM [Identity].[Users] AS [u] WHERE [u].[LegacyName] IS NOT NULL;");

        Assert.True(reads.Reads("[Identity].[Users].[LegacyName]"));
        Assert.True(reads.Reads("[Identity].[Users]"));
        Assert.False(reads.Reads("[Identity].[Users].[PhoneNumber]"));
        Assert.False(reads.Reads("[Tenancy].[Tenants].[LegacyName]"));
    }

    [Fact]
    public void Reads_AnUnqualifiedTableAsDbo()
    {
        Assert.True(MigrationReads.Of("DELETE FROM Things WHERE Old = 1;").Reads("[dbo].[Things].[Old]"));
    }
}
