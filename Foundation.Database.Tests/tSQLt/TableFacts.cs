namespace Foundation.Database.Tests.TSqlt;

/// <summary>A table of the model with its columns and its constraints and unique indexes.</summary>
public sealed record TableFacts(string Name, IReadOnlyList<ColumnFacts> Columns, IReadOnlyList<ConstraintFacts> Constraints)
{
    public ColumnFacts? Column(string name) =>
        Columns.FirstOrDefault(column => string.Equals(column.Name, name, StringComparison.OrdinalIgnoreCase));
}
