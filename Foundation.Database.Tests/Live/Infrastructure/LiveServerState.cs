namespace Foundation.Database.Tests.Live.Infrastructure;

/// <summary>What the search for a server found, once per run: a server, a reason to skip, or a failure to report.</summary>
public sealed record LiveServerState(string? MasterConnectionString, string? SkipReason, string? Failure, string Source)
{
    public static LiveServerState Ready(string master, string source) => new(master, null, null, source);

    public static LiveServerState Skipped(string reason) => new(null, reason, null, "none");

    public static LiveServerState Failed(string failure, string source) => new(null, null, failure, source);
}
