using System.Text.Json;
using Foundation.Database.Tests.Live.Integration;
using Foundation.Database.Tests.Security.Live;

namespace Foundation.Database.Tests.Live.Infrastructure;

/// <summary>Every live test carries a per-test timeout xunit v3 can enforce (checked by reflection, offline).</summary>
public sealed class LiveTestTimeoutAuditTests
{
    /// <summary>The classes xunit runs: concrete ones (the broken samples below are abstract).</summary>
    private static readonly Type[] _assemblyTypes = [.. typeof(LiveTestTimeoutAuditTests).Assembly.GetTypes().Where(type => !type.IsAbstract)];

    [Fact]
    public void EveryLiveTest_HasATimeout_NoLongerThanTheHarnessBound()
    {
        var problems = LiveTestTimeoutAudit.Problems(_assemblyTypes);

        Assert.True(problems.Count == 0, "Live tests without a usable timeout:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void LiveTests_AreFoundThroughTheirFixtures_InEveryLiveFolder()
    {
        var found = LiveTestTimeoutAudit.LiveTests(_assemblyTypes).Select(m => $"{m.DeclaringType!.Name}.{m.Name}").ToList();

        Assert.Contains($"{nameof(LiveServerTests)}.{nameof(LiveServerTests.Dacpac_DeploysIntoAFreshDatabase_WhenAServerIsAvailable)}", found);
        Assert.Contains($"{nameof(RowLevelSecurityLiveTests)}.{nameof(RowLevelSecurityLiveTests.ApplicationRole_CannotReadTablesDirectly)}", found);
        Assert.Contains($"{nameof(RepeatedDeploymentTests)}.{nameof(RepeatedDeploymentTests.Deployment_IsANoOp_WhenTheSameDacpacIsPublishedTwice)}", found);
        Assert.Contains(found, name => name.StartsWith("DeploymentLiveTests.", StringComparison.Ordinal));
        Assert.Contains(found, name => name.StartsWith("TSqltSuiteTests.", StringComparison.Ordinal));
        Assert.DoesNotContain(found, name => name.StartsWith(nameof(LiveTestTimeoutAuditTests), StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_ListEachLiveTestWithoutAUsableTimeout_AndNoOfflineTest()
    {
        var problems = LiveTestTimeoutAudit.Problems([typeof(BrokenLiveTests), typeof(BrokenScenarioTests), typeof(OfflineTestsWithoutTimeouts)]);

        Assert.Equal(
        [
            "BrokenLiveTests.WithoutTimeout: no Timeout (use [Fact(Timeout = LiveTimeouts.TestMilliseconds)] or [Theory(Timeout = ...)])",
            $"BrokenLiveTests.WithTooLongATimeout: Timeout {LiveTimeouts.TestMilliseconds + 1} ms is longer than LiveTimeouts.TestMilliseconds ({LiveTimeouts.TestMilliseconds} ms)",
            "BrokenLiveTests.Synchronous: returns Void; xunit v3 enforces Timeout only on async tests (Task or ValueTask)",
            "BrokenScenarioTests.TheoryWithoutTimeout: no Timeout (use [Fact(Timeout = LiveTimeouts.TestMilliseconds)] or [Theory(Timeout = ...)])",
        ],
            problems);
    }

    [Fact]
    public void TestRunner_UsesTheConservativeParallelAlgorithm_WhichXunitNeedsForReliableTimeouts()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "xunit.runner.json")));

        Assert.True(config.RootElement.TryGetProperty("parallelAlgorithm", out var algorithm), "xunit.runner.json does not say parallelAlgorithm.");
        Assert.Equal("conservative", algorithm.GetString());
    }

    /// <summary>Broken inputs for the audit. Abstract, so xunit never runs them (it discovers only concrete test classes).</summary>
    public abstract class BrokenLiveTests(LiveDatabase database)
    {
        public LiveDatabase Database => database;

        [Fact]
        public Task WithoutTimeout() => Task.CompletedTask;

        [Fact(Timeout = LiveTimeouts.TestMilliseconds + 1)]
        public Task WithTooLongATimeout() => Task.CompletedTask;

        [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
        public void Synchronous()
        {
        }

        [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
        public Task WithTimeout() => Task.CompletedTask;
    }

    /// <summary>A live test reached through a fixture of a fixture (SecurityScenario takes the server).</summary>
    public abstract class BrokenScenarioTests(SecurityScenario scenario)
    {
        public SecurityScenario Scenario => scenario;

        [Theory]
        [InlineData(1)]
        public Task TheoryWithoutTimeout(int value) => Task.FromResult(value);
    }

    /// <summary>No live fixture: not a live test, so no timeout is required.</summary>
    public abstract class OfflineTestsWithoutTimeouts
    {
        [Fact]
        public Task Offline() => Task.CompletedTask;
    }
}
