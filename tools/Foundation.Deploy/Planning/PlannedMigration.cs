namespace Foundation.Deploy.Planning;

/// <summary>A data migration the deployment will run: up (a new migration) or down (a rollback past it).</summary>
public sealed record PlannedMigration(int Step, string Id, string Direction, string Description, IReadOnlyList<string> Requires, bool HasDown)
{
    public const string Up = "up";
    public const string Down = "down";
}
