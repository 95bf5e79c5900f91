namespace Foundation.Deploy.Planning;

/// <summary>
/// A data migration the deployment will run: up (a new migration) or down (a rollback past it). <paramref name="Refusal"/>
/// says why the gate refuses it (no down step, irreversible, or it reads what the same deployment drops), or is null.
/// </summary>
public sealed record PlannedMigration(int Step, string Id, string Direction, string Description, IReadOnlyList<string> Requires, bool HasDown, string? Refusal = null)
{
    public const string Up = "up";
    public const string Down = "down";
}
