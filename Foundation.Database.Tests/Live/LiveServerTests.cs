using Foundation.Database.Tests.Live.Infrastructure;
using Microsoft.Data.SqlClient;

namespace Foundation.Database.Tests.Live;

/// <summary>The live harness itself: the dacpac deploys into a fresh database that the tests can reach.</summary>
public sealed class LiveServerTests(LiveDatabase database) : IClassFixture<LiveDatabase>
{
    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task Dacpac_DeploysIntoAFreshDatabase_WhenAServerIsAvailable()
    {
        await using var connection = await database.OpenAsync();

        await using var command = new SqlCommand("SELECT DB_NAME(), OBJECT_ID(N'[Tenancy].[Tenants]', N'U');", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(database.Name, reader.GetString(0));
        Assert.False(reader.IsDBNull(1), "[Tenancy].[Tenants] was not deployed.");
    }
}
