namespace Foundation.Deploy.Planning;

/// <summary>Rows and reserved space of a table the plan touches (live targets only).</summary>
public sealed record TableSize(string Table, long Rows, long ReservedKilobytes);
