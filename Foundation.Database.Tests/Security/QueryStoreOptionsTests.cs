using Foundation.Database.Tests.Infrastructure;
using Microsoft.SqlServer.Dac;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Security;

public sealed class QueryStoreOptionsTests
{
    [Fact]
    public void Model_CarriesTheQueryStoreSettingsOfTheProject()
    {
        var options = BuiltModel.Model.GetObjects(DacQueryScopes.UserDefined, DatabaseOptions.TypeClass).Single();

        Assert.Equal(1024, options.GetProperty<int>(DatabaseOptions.QueryStoreMaxStorageSize));
        Assert.Equal(30, options.GetProperty<int>(DatabaseOptions.QueryStoreStaleQueryThreshold));
        Assert.Equal(60, options.GetProperty<int>(DatabaseOptions.QueryStoreIntervalLength));
        Assert.Equal(900, options.GetProperty<int>(DatabaseOptions.QueryStoreFlushInterval));
        Assert.Equal(200, options.GetProperty<int>(DatabaseOptions.QueryStoreMaxPlansPerQuery));
    }

    [Fact]
    public void DeploymentScript_TurnsQueryStoreOnInReadWriteWithAutoCapture()
    {
        using var package = DacPackage.Load(RepositoryPaths.Dacpac);

        var script = DacServices.GenerateCreateScript(package, "FoundationQueryStoreProbe", new DacDeployOptions());

        Assert.Contains(
            "SET QUERY_STORE (QUERY_CAPTURE_MODE = AUTO, OPERATION_MODE = READ_WRITE, DATA_FLUSH_INTERVAL_SECONDS = 900, INTERVAL_LENGTH_MINUTES = 60, MAX_PLANS_PER_QUERY = 200, CLEANUP_POLICY = (STALE_QUERY_THRESHOLD_DAYS = 30), MAX_STORAGE_SIZE_MB = 1024)",
            script,
            StringComparison.Ordinal);
    }
}
