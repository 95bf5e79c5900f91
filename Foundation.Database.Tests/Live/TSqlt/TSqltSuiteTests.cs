using Foundation.Database.Tests.Live.Infrastructure;
using Foundation.Database.Tests.TSqlt;

namespace Foundation.Database.Tests.Live.TSqlt;

/// <summary>
/// Every tSQLt test in Foundation.Database.Tests/tSQLt as an xunit case of its own, named "&lt;Class&gt;.&lt;test&gt;":
/// the cases are found in the files (no server needed to list them); each one runs on a server with tSQLt installed.
/// </summary>
public sealed class TSqltSuiteTests(TSqltInstallation installation) : IClassFixture<TSqltInstallation>
{
    public static TheoryData<string> Tests => new(TSqltTestCatalog.Suite.Tests.Select(test => test.DisplayName));

    [Theory(Timeout = LiveTimeouts.TestMilliseconds)]
    [MemberData(nameof(Tests))]
    public async Task TSqltTest_Passes_WhenRunOnTheServer(string test)
    {
        var testCase = TSqltTestCatalog.Suite.Tests.Single(candidate => candidate.DisplayName == test);
        var connectionString = await installation.RequireConnectionString();

        var outcome = await TSqltRunner.RunAsync(connectionString, testCase, TestContext.Current.CancellationToken);

        if (outcome.Result == "Skipped")
        {
            Assert.Skip($"tSQLt skipped {testCase.QuotedName}: {outcome.Message}");
        }

        Assert.True(
            outcome.Succeeded,
            $"tSQLt test {testCase.QuotedName} ({Path.GetFileName(testCase.SourceFile)}): {outcome.Result}: {outcome.Message}"
            + (outcome.Printed.Count == 0 ? string.Empty : "\n" + string.Join('\n', outcome.Printed)));
    }
}
