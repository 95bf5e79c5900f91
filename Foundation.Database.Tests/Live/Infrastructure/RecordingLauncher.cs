namespace Foundation.Database.Tests.Live.Infrastructure;

/// <summary>
/// An <see cref="ILiveServerLauncher"/> for offline tests of the harness: records every call (so a test can prove nothing
/// was started or connected) and answers as configured, without Docker or SQL Server.
/// </summary>
public sealed class RecordingLauncher(bool dockerAnswers = false, Exception? verifyFailure = null, Exception? startFailure = null) : ILiveServerLauncher
{
    private readonly List<string> _calls = [];

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public bool DockerAnswers()
    {
        Record("docker?");
        return dockerAnswers;
    }

    public async Task<(string MasterConnectionString, IAsyncDisposable Container)> StartContainerAsync(string image, CancellationToken cancellationToken)
    {
        Record($"start {image}");
        await Task.Yield();
        return startFailure is null
            ? ("Server=localhost,14330;Encrypt=True;TrustServerCertificate=True;Initial Catalog=master", new NoContainer())
            : throw startFailure;
    }

    public async Task VerifyAsync(string masterConnectionString, string source, CancellationToken cancellationToken)
    {
        Record($"verify {source}");
        await Task.Delay(10, cancellationToken);
        if (verifyFailure is not null)
        {
            throw verifyFailure;
        }
    }

    private void Record(string call)
    {
        lock (_calls)
        {
            _calls.Add(call);
        }
    }

    private sealed class NoContainer : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
