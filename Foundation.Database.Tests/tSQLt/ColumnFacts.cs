namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// A column as the data rules see it: its SQL type name, whether it takes NULL, whether it is computed, an identity,
/// or otherwise filled by the engine (GENERATED ALWAYS, rowversion), and its default's expression text if it has one.
/// </summary>
public sealed record ColumnFacts(string Name, string TypeName, bool Nullable, bool Computed, bool Identity, bool EngineFilled, string? Default)
{
    /// <summary>The engine writes a value of its own whatever the INSERT says (rowversion) or when it says nothing.</summary>
    public bool IsRowVersion => TypeName is "timestamp" or "rowversion";
}
