namespace Foundation.Database.Tests.Live.Infrastructure;

/// <summary>Where the live tests' SQL Server comes from, as the environment decides it (<see cref="LiveServerPlan"/>).</summary>
public enum LiveServerSource
{
    /// <summary><c>FOUNDATION_LIVE=off</c>: every live test skips; nothing is started or connected.</summary>
    SwitchedOff,

    /// <summary>The environment is wrong (a malformed connection string, an unknown switch value): every live test fails with the reason.</summary>
    Misconfigured,

    /// <summary><c>FOUNDATION_SQL_CONNECTION</c>: an existing server.</summary>
    ExistingServer,

    /// <summary>No connection configured: a SQL Server container through Testcontainers, if a Docker engine answers.</summary>
    Container,
}
