using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.Model;

public sealed class SmokeTests
{
    [Fact]
    public void Dacpac_LoadsWithTheTenantsTable()
    {
        var table = BuiltModel.GetTable("Tenancy", "Tenants");
        Assert.Equal("[Tenancy].[Tenants]", table.Name.ToString());
    }
}
