namespace Foundation.Deploy.Planning;

/// <summary>
/// A row-level security policy the plan drops, creates, alters or drops and recreates. While a policy is dropped
/// (DacFx's script is not one transaction) its tables are unprotected: the report says so.
/// </summary>
public sealed record RlsPolicyChange(string Policy, string Change, IReadOnlyList<string> ProtectedTables)
{
    public const string DroppedAndRecreated = "dropped and recreated";
    public const string Dropped = "dropped";
    public const string Created = "created";
    public const string Altered = "altered";
}
