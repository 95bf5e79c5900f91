namespace Foundation.Database.Tests.Live.Infrastructure;

/// <summary>
/// The live harness's assembly fixture, offline (no server, no Docker: <see cref="RecordingLauncher"/> records what
/// would have been started): it starts nothing by itself, honours FOUNDATION_LIVE=off before anything else, and turns a
/// misconfiguration into a failure of the live tests that ask, never of the fixture (which would fail every test).
/// </summary>
public sealed class SqlServerInstanceTests
{
    private const string LocalServer = "Server=localhost,14330;User ID=sa;Password=Secret-Pa55;Encrypt=True;TrustServerCertificate=True";
    private const string Malformed = "Server=localhost;Password=Secret-Pa55;Encrypt";

    public static TheoryData<string?, string?> Environments => new()
    {
        { null, null },
        { "off", LocalServer },
        { null, Malformed },
        { null, LocalServer },
        { "sometimes", null },
    };

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task InitializeAsync_StartsNothing_WhateverTheEnvironment(string? live, string? connection)
    {
        var launcher = new RecordingLauncher(dockerAnswers: true);
        var instance = new SqlServerInstance(Environment(live, connection), launcher);

        await instance.InitializeAsync();
        await instance.DisposeAsync();

        Assert.Empty(launcher.Calls);
        Assert.False(instance.WasRequested);
    }

    [Fact]
    public async Task RequireMasterConnectionString_SkipsWithTheContractReason_AndStartsNothing_WhenFoundationLiveIsOff()
    {
        var launcher = new RecordingLauncher(dockerAnswers: true);
        var instance = new SqlServerInstance(Environment("off", LocalServer), launcher);

        var state = await instance.FindAsync(TestContext.Current.CancellationToken);

        Assert.Equal(LiveServerState.Skipped("live tests switched off: FOUNDATION_LIVE=off"), state);
        Assert.Empty(launcher.Calls);
        Assert.False(instance.WasRequested);
    }

    [Fact]
    public async Task RequireMasterConnectionString_FailsNamingTheVariable_AndConnectsNowhere_WhenTheConnectionStringIsMalformed()
    {
        var launcher = new RecordingLauncher(dockerAnswers: true);
        var instance = new SqlServerInstance(Environment(null, Malformed), launcher);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => instance.RequireMasterConnectionStringAsync(TestContext.Current.CancellationToken));

        Assert.StartsWith("FOUNDATION_SQL_CONNECTION is not a valid SQL Server connection string", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret-Pa55", failure.Message, StringComparison.Ordinal);
        Assert.Empty(launcher.Calls);
    }

    [Fact]
    public async Task RequireMasterConnectionString_FailsWithTheCause_NotASkip_WhenTheNamedServerCannotBeUsed()
    {
        var launcher = new RecordingLauncher(verifyFailure: new InvalidOperationException("Login failed for user 'sa'."));
        var instance = new SqlServerInstance(Environment(null, LocalServer), launcher);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => instance.RequireMasterConnectionStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal("The SQL Server from FOUNDATION_SQL_CONNECTION cannot be used: Login failed for user 'sa'.", failure.Message);
        Assert.Equal(["verify FOUNDATION_SQL_CONNECTION"], launcher.Calls);
    }

    [Fact]
    public async Task RequireMasterConnectionString_LooksForTheServerOnce_WhenManyLiveTestsAskAtOnce()
    {
        var launcher = new RecordingLauncher();
        var instance = new SqlServerInstance(Environment(null, LocalServer), launcher);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => instance.RequireMasterConnectionStringAsync(TestContext.Current.CancellationToken)));

        Assert.Single(answers.Distinct(StringComparer.Ordinal));
        Assert.Contains("Initial Catalog=master", answers[0], StringComparison.Ordinal);
        Assert.Equal(["verify FOUNDATION_SQL_CONNECTION"], launcher.Calls);
    }

    [Fact]
    public async Task RequireMasterConnectionString_SkipsWithTheReason_AndStartsNoContainer_WhenNeitherAServerNorDockerIsThere()
    {
        var launcher = new RecordingLauncher(dockerAnswers: false);
        var instance = new SqlServerInstance(Environment(null, null), launcher);

        var state = await instance.FindAsync(TestContext.Current.CancellationToken);

        Assert.Null(state.MasterConnectionString);
        Assert.Null(state.Failure);
        Assert.StartsWith("no SQL Server: FOUNDATION_SQL_CONNECTION is not set and no Docker engine answers", state.SkipReason, StringComparison.Ordinal);
        Assert.Equal(["docker?"], launcher.Calls);
    }

    [Fact]
    public async Task RequireMasterConnectionString_FailsWithTheCause_WhenDockerAnswersButTheContainerCannotStart()
    {
        var launcher = new RecordingLauncher(dockerAnswers: true, startFailure: new InvalidOperationException("image not found"));
        var instance = new SqlServerInstance(Environment(null, null), launcher);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => instance.RequireMasterConnectionStringAsync(TestContext.Current.CancellationToken));

        Assert.Contains("could not be started: image not found", failure.Message, StringComparison.Ordinal);
        Assert.Equal(["docker?", $"start {LiveServerPlan.DefaultImage}"], launcher.Calls);
    }

    private static Func<string, string?> Environment(string? live, string? connection) => name => name switch
    {
        LiveServerPlan.LiveVariable => live,
        LiveServerPlan.ConnectionVariable => connection,
        _ => null,
    };
}
