namespace Foundation.Deploy.Planning;

/// <summary>
/// What a live target records about itself: its last successful deployment, the deployments recorded after it (failed
/// or never finished: their schema may be what is live), and its migration journal.
/// </summary>
public sealed record LiveTargetState(
    bool DatabaseExists,
    string? RecordedVersion,
    string? RecordedChecksum,
    IReadOnlyList<LiveTargetState.JournalEntry> AppliedMigrations)
{
    public static LiveTargetState Empty { get; } = new(false, null, null, []);

    /// <summary>Deployments recorded after the last successful one (Failed or Running), newest first.</summary>
    public IReadOnlyList<RecordedDeployment> Unfinished { get; init; } = [];

    /// <summary>A migration the journal says is applied (not rolled back).</summary>
    public sealed record JournalEntry(string Id, string Checksum, int AppliedOrder, bool HasDown, string? Description);

    /// <summary>A deployment the history records: its release, dacpac model checksum, direction and outcome.</summary>
    public sealed record RecordedDeployment(string ReleaseVersion, string? Checksum, string Direction, string Outcome);
}
