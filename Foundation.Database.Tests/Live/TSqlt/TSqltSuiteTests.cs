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

    /// <summary>
    /// The classes are made with tSQLt.NewTestClass, so both RunAll and RunNew find all of them; and the whole suite
    /// passes in one session (RowLevelSecurityTests' session design), not only one test per connection.
    /// </summary>
    [Theory(Timeout = LiveTimeouts.TestMilliseconds)]
    [InlineData(TSqltRunMethod.RunAll)]
    [InlineData(TSqltRunMethod.RunNew)]
    public async Task RunMethod_RunsEveryTestOfTheSuiteAndAllPass_InOneSession(TSqltRunMethod method)
    {
        var connectionString = await installation.RequireConnectionString();

        var outcomes = await TSqltRunner.RunSuiteAsync(connectionString, method, TestContext.Current.CancellationToken);

        var expected = TSqltTestCatalog.Suite.Tests.Select(test => test.DisplayName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, outcomes.Keys.Order(StringComparer.Ordinal).ToList());
        var failed = outcomes.Where(pair => !pair.Value.Succeeded && pair.Value.Result != "Skipped").Select(pair => $"{pair.Key}: {pair.Value.Result}: {pair.Value.Message}").ToList();
        Assert.True(failed.Count == 0, $"tSQLt.{method} in one session:\n" + string.Join('\n', failed));
    }
}
