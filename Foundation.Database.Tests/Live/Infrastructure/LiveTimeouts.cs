namespace Foundation.Database.Tests.Live.Infrastructure;

/// <summary>
/// How long each live step may block before it fails with its bound in the message. The per-test bound is xunit v3's
/// <c>[Fact(Timeout = LiveTimeouts.TestMilliseconds)]</c> on every live test (checked offline by LiveTestTimeoutAuditTests):
/// when it fires, xunit fails the test with "Test execution timed out after 900000 milliseconds" and cancels
/// <c>TestContext.Current.CancellationToken</c>, which every live step is given (xunit's XunitTestRunnerBase; reliable
/// with the Conservative parallel algorithm, xunit.runner.json). The narrower bounds below fire first, with the step named.
/// </summary>
public static class LiveTimeouts
{
    /// <summary>
    /// One live test, including what it waits for: the container start (first test of the run), its class's
    /// deployment, and its own statements. Above the sum of the bounds below, so a hang inside a step is reported by
    /// the step's bound; this is the backstop for anything else.
    /// </summary>
    public const int TestMilliseconds = 15 * 60 * 1000;

    /// <summary>Pulling the image and starting the SQL Server container (Testcontainers waits until it accepts logins).</summary>
    public static readonly TimeSpan ContainerStart = TimeSpan.FromMinutes(5);

    /// <summary>Opening the first connection to the server and reading its version.</summary>
    public static readonly TimeSpan Connect = TimeSpan.FromSeconds(60);

    /// <summary>One publish through Foundation.Deploy (a fresh database of this schema deploys in well under a minute).</summary>
    public static readonly TimeSpan Publish = TimeSpan.FromMinutes(5);

    /// <summary>A harness statement (e.g. dropping a test database: ROLLBACK IMMEDIATE ends other sessions first).</summary>
    public const int CommandSeconds = 120;

    /// <summary>Describes a bound for a message: "5 min", "60 s".</summary>
    public static string Describe(TimeSpan bound) =>
        bound.TotalMinutes >= 1 && bound.Seconds == 0 ? $"{bound.TotalMinutes:0} min" : $"{bound.TotalSeconds:0} s";
}
