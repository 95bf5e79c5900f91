using Microsoft.Data.SqlClient;

[assembly: AssemblyFixture(typeof(Foundation.Database.Tests.Live.Infrastructure.SqlServerInstance))]

namespace Foundation.Database.Tests.Live.Infrastructure;

/// <summary>
/// The SQL Server that live tests run against, found once per test run and only when the first live test asks for it
/// (an assembly fixture that starts nothing by itself: an offline run, filtered or not, never starts a container or
/// opens a connection). What it does is <see cref="LiveServerPlan"/>'s decision:
/// <c>FOUNDATION_LIVE=off</c> skips every live test with <see cref="LiveServerPlan.SwitchedOffReason"/>;
/// <c>FOUNDATION_SQL_CONNECTION</c> (an existing server) wins over Docker; else a SQL Server 2022 container through
/// Testcontainers when a Docker engine answers; else none, and every live test is skipped with the reason.
/// A server that was asked for but cannot be used (malformed string, unreachable, too old, container failed) is a failure
/// of each live test with its cause, never a skip, and never a failure of the offline tests.
/// </summary>
public sealed class SqlServerInstance : IAsyncLifetime
{
    public const string ConnectionVariable = LiveServerPlan.ConnectionVariable;
    public const string ImageVariable = LiveServerPlan.ImageVariable;

    private readonly Func<string, string?> _environment;
    private readonly ILiveServerLauncher _launcher;
    private readonly Lazy<Task<LiveServerState>> _state;
    private IAsyncDisposable? _container;

    public SqlServerInstance()
        : this(Environment.GetEnvironmentVariable, new TestcontainersLauncher())
    {
    }

    /// <summary>For offline tests of the harness: another environment and launcher.</summary>
    internal SqlServerInstance(Func<string, string?> environment, ILiveServerLauncher launcher)
    {
        _environment = environment;
        _launcher = launcher;
        _state = new(() => Task.Run(SearchAsync), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A connection string to the server's master database; null until a live test found a usable server.</summary>
    public string? MasterConnectionString => _state.IsValueCreated && _state.Value.IsCompletedSuccessfully ? _state.Value.Result.MasterConnectionString : null;

    /// <summary>Where the server came from, for messages: the environment variable or the container image.</summary>
    public string Source => _state.IsValueCreated && _state.Value.IsCompletedSuccessfully ? _state.Value.Result.Source : "none";

    /// <summary>True once a live test has asked for the server (and so something may have been started).</summary>
    public bool WasRequested => _state.IsValueCreated;

    /// <summary>Starts nothing: the server is found when the first live test asks (<see cref="RequireMasterConnectionStringAsync"/>).</summary>
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// The master connection string; skips the calling test (with the reason) when live tests are switched off or no
    /// server exists; throws the cause when one was asked for but cannot be used. The server is found once per run,
    /// bounded by <see cref="LiveTimeouts"/>; <paramref name="cancellationToken"/> only stops this caller's wait.
    /// </summary>
    public async Task<string> RequireMasterConnectionStringAsync(CancellationToken cancellationToken = default)
    {
        var state = await FindAsync(cancellationToken);
        if (state.Failure is not null)
        {
            throw new InvalidOperationException(state.Failure);
        }

        if (state.MasterConnectionString is null)
        {
            Assert.Skip(state.SkipReason ?? "no SQL Server available.");
        }

        return state.MasterConnectionString;
    }

    /// <summary>
    /// What the search for a server found (searching once per run, on the first call); the opt-out is read first, on
    /// every call, and never waits on or starts anything.
    /// </summary>
    public async Task<LiveServerState> FindAsync(CancellationToken cancellationToken = default)
    {
        var plan = LiveServerPlan.From(_environment);
        return plan.Source == LiveServerSource.SwitchedOff
            ? LiveServerState.Skipped(plan.Detail)
            : await _state.Value.WaitAsync(cancellationToken);
    }

    /// <summary>Skips the calling test when <c>FOUNDATION_LIVE=off</c>; read before anything else, it never waits on or starts anything.</summary>
    public void SkipIfSwitchedOff()
    {
        var plan = LiveServerPlan.From(_environment);
        if (plan.Source == LiveServerSource.SwitchedOff)
        {
            Assert.Skip(plan.Detail);
        }
    }

    /// <summary>
    /// The same, for callers that cannot await (existing fixtures): blocks on a thread-pool task, so that no
    /// synchronisation context is needed to finish the start.
    /// </summary>
    public string RequireMasterConnectionString() =>
        Task.Run(() => RequireMasterConnectionStringAsync(TestContext.Current.CancellationToken)).GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    /// <summary>Returns the connection string with another initial catalog.</summary>
    public static string WithDatabase(string connectionString, string database) =>
        new SqlConnectionStringBuilder(connectionString) { InitialCatalog = database }.ConnectionString;

    private async Task<LiveServerState> SearchAsync()
    {
        var plan = LiveServerPlan.From(_environment);
        switch (plan.Source)
        {
            case LiveServerSource.SwitchedOff:
                return LiveServerState.Skipped(plan.Detail);
            case LiveServerSource.Misconfigured:
                return LiveServerState.Failed(plan.Detail, "none");
            case LiveServerSource.ExistingServer:
                return await VerifyAsync(plan.Detail, ConnectionVariable);
        }

        bool docker;
        try
        {
            docker = _launcher.DockerAnswers();
        }
        catch (Exception ex)
        {
            return LiveServerState.Failed($"Looking for a Docker engine failed: {ex.GetBaseException().Message}. Set {ConnectionVariable}, or {LiveServerPlan.LiveVariable}=off.", "none");
        }

        if (!docker)
        {
            return LiveServerState.Skipped($"no SQL Server: {ConnectionVariable} is not set and no Docker engine answers (Testcontainers found no endpoint).");
        }

        var source = $"Docker container {plan.Detail}";
        string master;
        try
        {
            using var timeout = new CancellationTokenSource(LiveTimeouts.ContainerStart);
            var started = await _launcher.StartContainerAsync(plan.Detail, timeout.Token).WaitAsync(LiveTimeouts.ContainerStart + TimeSpan.FromSeconds(30));
            (master, _container) = started;
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            return LiveServerState.Failed($"SQL Server ({plan.Detail}) did not start within {LiveTimeouts.Describe(LiveTimeouts.ContainerStart)} (LiveTimeouts.ContainerStart): {ex.Message}", source);
        }
        catch (Exception ex)
        {
            return LiveServerState.Failed($"A Docker engine answers but SQL Server ({plan.Detail}) could not be started: {ex.GetBaseException().Message}", source);
        }

        return await VerifyAsync(master, source);
    }

    private async Task<LiveServerState> VerifyAsync(string master, string source)
    {
        try
        {
            using var timeout = new CancellationTokenSource(LiveTimeouts.Connect);
            await _launcher.VerifyAsync(master, source, timeout.Token).WaitAsync(LiveTimeouts.Connect + TimeSpan.FromSeconds(10));
            return LiveServerState.Ready(master, source);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            return LiveServerState.Failed($"The SQL Server from {source} did not answer within {LiveTimeouts.Describe(LiveTimeouts.Connect)} (LiveTimeouts.Connect).", source);
        }
        catch (Exception ex) when (ex is SqlException or InvalidOperationException)
        {
            return LiveServerState.Failed($"The SQL Server from {source} cannot be used: {ex.Message}", source);
        }
    }
}
