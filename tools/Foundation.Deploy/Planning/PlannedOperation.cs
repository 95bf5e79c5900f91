namespace Foundation.Deploy.Planning;

/// <summary>One operation of the plan: what DacFx will do to one object, and what that costs.</summary>
/// <param name="Action">DacFx's operation name: Create, Alter, Drop, TableRebuild, ...</param>
/// <param name="ObjectName">The object as DacFx names it, e.g. <c>[Identity].[Users]</c>.</param>
/// <param name="ObjectType">DacFx's type, e.g. SqlTable, SqlIndex, SqlSecurityPolicy.</param>
/// <param name="Impact">The estimated impact class.</param>
/// <param name="Reason">Why it has that impact class, in words a reviewer can check.</param>
/// <param name="Online">For index builds: true when the script builds it ONLINE, false when offline; null otherwise.</param>
/// <param name="DataLossAlertIds">The ids of the data-loss alerts DacFx attached to this operation.</param>
public sealed record PlannedOperation(
    string Action,
    string ObjectName,
    string ObjectType,
    ImpactClass Impact,
    string Reason,
    bool? Online,
    IReadOnlyList<int> DataLossAlertIds);
