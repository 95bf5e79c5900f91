namespace Foundation.Deploy.Planning;

/// <summary>
/// A possible data loss DacFx found (a DataIssue alert), with the object it concerns: <see cref="ObjectName"/> is
/// <c>[Schema].[Table].[Column]</c> for a column, <c>[Schema].[Table]</c> for a table. That name is what an allowance
/// must name to let the deployment proceed.
/// </summary>
public sealed record DataLossAlert(int Id, string Table, string? Column, string Message, string? AllowedBy)
{
    public string ObjectName => Column is null ? Table : $"{Table}.[{Column.Trim('[', ']')}]";

    public bool IsAllowed => AllowedBy is not null;
}
