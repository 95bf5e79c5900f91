using Foundation.Bench;
using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.Bench;

/// <summary>
/// The live query-cost check's failure paths that need no server: each is a skip reason or a <see cref="BenchException"/>
/// (which the bench prints as "error: ..." with exit code 2), naming what went wrong, never another exception.
/// </summary>
public sealed class LiveQueryCostFailureTests : IDisposable
{
    private const string LocalServer = "Server=localhost,1433;Encrypt=True;TrustServerCertificate=True";
    private readonly string _folder = Directory.CreateTempSubdirectory("foundation-live-bench-").FullName;
    private readonly RecordingBenchOutput _output = new();

    [Fact]
    public async Task RunAsync_ReturnsASkipReason_AndTouchesNothing_WhenNoServerIsConfigured()
    {
        var (report, skip) = await Benchmark(null).RunAsync(RepositoryPaths.Dacpac, 0.01, TestContext.Current.CancellationToken);

        Assert.Null(report);
        Assert.StartsWith("FOUNDATION_SQL_CONNECTION is not set", skip, StringComparison.Ordinal);
        Assert.Empty(_output.Lines);
    }

    [Fact]
    public async Task RunAsync_FailsNamingTheVariable_WithoutEchoingThePassword_WhenTheConnectionStringIsMalformed()
    {
        var failure = await Assert.ThrowsAsync<BenchException>(() => Benchmark("Server=localhost;Password=Secret-Pa55;Encrypt").RunAsync(RepositoryPaths.Dacpac, 0.01, TestContext.Current.CancellationToken));

        Assert.StartsWith("FOUNDATION_SQL_CONNECTION is not a valid SQL Server connection string", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret-Pa55", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FailsNamingTheFile_WhenTheDacpacCannotBeRead()
    {
        var corrupt = Path.Combine(_folder, "corrupt.dacpac");
        await File.WriteAllTextAsync(corrupt, "not a package", TestContext.Current.CancellationToken);

        var failure = await Assert.ThrowsAsync<BenchException>(() => Benchmark(LocalServer).RunAsync(corrupt, 0.01, TestContext.Current.CancellationToken));

        Assert.StartsWith($"The dacpac {corrupt} cannot be read: ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FailsWithTheCause_WhenTheConfiguredServerCannotBeReached()
    {
        var failure = await Assert.ThrowsAsync<BenchException>(() => Benchmark("Server=tcp:127.0.0.1,1;User ID=sa;Password=Secret-Pa55;Encrypt=True;TrustServerCertificate=True;Connect Timeout=2;Connect Retry Count=0")
            .RunAsync(RepositoryPaths.Dacpac, 0.01, TestContext.Current.CancellationToken));

        Assert.StartsWith("The SQL Server from FOUNDATION_SQL_CONNECTION cannot be used: ", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret-Pa55", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Requirements_AreAllInTheBuiltModel_SoTheLiveCheckRunsWhereAServerIs()
    {
        Assert.Empty(LiveSchemaRequirements.Missing(BuiltModel.Model));
    }

    [Fact]
    public void Convert_NamesTheQuery_WhenItReturnsNull_InsteadOfAnInvalidCast()
    {
        var failure = Assert.Throws<BenchException>(() => LiveCommand.Convert<int>(DBNull.Value, "The sampled tenant"));
        var wrongType = Assert.Throws<BenchException>(() => LiveCommand.Convert<int>("many", "The sampled tenant"));

        Assert.StartsWith("The sampled tenant returned no value (NULL or no row)", failure.Message, StringComparison.Ordinal);
        Assert.StartsWith("The sampled tenant returned many (String), not a Int32", wrongType.Message, StringComparison.Ordinal);
        Assert.Equal(42L, LiveCommand.Convert<long>(42, "A count"));
    }

    [Fact]
    public void Failure_PrintsTheBound_WhenACommandTimedOut()
    {
        var timeout = LiveCommand.Failure("ALTER SECURITY POLICY [Security].[UsersPolicy] WITH (STATE = OFF)", LiveCommandTimeouts.PolicySwitchSeconds, LiveCommand.TimeoutErrorNumber, "Execution Timeout Expired.", null);
        var other = LiveCommand.Failure("Creating the [Bench] schema", LiveCommandTimeouts.StatementSeconds, 2714, "There is already an object named 'Bench' in the database.", null);

        Assert.StartsWith("ALTER SECURITY POLICY [Security].[UsersPolicy] WITH (STATE = OFF) did not finish within 60 s (its command timeout, LiveCommandTimeouts)", timeout.Message, StringComparison.Ordinal);
        Assert.Equal("Creating the [Bench] schema failed: SQL error 2714: There is already an object named 'Bench' in the database.", other.Message);
    }

    [Fact]
    public void Failure_NamesTheStep_ForAnyOtherException()
    {
        var cast = LiveQueryCostBenchmark.Failure("sampling a tenant and a tenant administrator", new InvalidCastException("Object cannot be cast from DBNull to other types."));
        var cancelled = LiveQueryCostBenchmark.Failure("loading the volume with the security policies off", new OperationCanceledException());

        Assert.Equal("The live query-cost check failed while sampling a tenant and a tenant administrator: InvalidCastException: Object cannot be cast from DBNull to other types.", cast.Message);
        Assert.Equal("The live query-cost check was cancelled while loading the volume with the security policies off.", cancelled.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private LiveQueryCostBenchmark Benchmark(string? connection) =>
        new(_output, name => name == LiveQueryCostBenchmark.ConnectionVariable ? connection : null);
}
