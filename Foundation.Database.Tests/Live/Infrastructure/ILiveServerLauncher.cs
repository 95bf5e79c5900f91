namespace Foundation.Database.Tests.Live.Infrastructure;

/// <summary>
/// The only places the harness touches Docker or a SQL Server, behind an interface so that offline tests can prove what
/// is never called (the opt-out, a malformed connection string, a filtered offline run start nothing).
/// </summary>
public interface ILiveServerLauncher
{
    /// <summary>True when a Docker engine answers (Testcontainers found an endpoint).</summary>
    bool DockerAnswers();

    /// <summary>Starts a SQL Server container; returns its master connection string and the handle that removes it.</summary>
    Task<(string MasterConnectionString, IAsyncDisposable Container)> StartContainerAsync(string image, CancellationToken cancellationToken);

    /// <summary>Opens a connection and checks the server is SQL Server 2022 or later; throws with the cause otherwise.</summary>
    Task VerifyAsync(string masterConnectionString, string source, CancellationToken cancellationToken);
}
