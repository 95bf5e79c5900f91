namespace Foundation.Deploy.Planning;

/// <summary>What a live target records about itself: its last successful deployment and its migration journal.</summary>
public sealed record LiveTargetState(
    bool DatabaseExists,
    string? RecordedVersion,
    string? RecordedChecksum,
    IReadOnlyList<LiveTargetState.JournalEntry> AppliedMigrations)
{
    public static LiveTargetState Empty { get; } = new(false, null, null, []);

    /// <summary>A migration the journal says is applied (not rolled back).</summary>
    public sealed record JournalEntry(string Id, string Checksum, int AppliedOrder, bool HasDown, string? Description);
}
