namespace Foundation.Deploy.Reporting;

/// <summary>
/// Tables, their columns and keys, and the foreign keys between them: what an ER diagram draws. Read from a dacpac's
/// model by <see cref="SchemaGraphReader"/>; narrowed to the tables a deployment changes by <see cref="Focus"/>.
/// Tables are named <c>[Schema].[Table]</c> as DacFx names them.
/// </summary>
public sealed record SchemaGraph(IReadOnlyList<SchemaGraph.Table> Tables, IReadOnlyList<SchemaGraph.Relationship> Relationships)
{
    /// <summary>
    /// The given tables with their columns, plus every table one foreign key away from them (by name only, as context),
    /// and the relationships that touch a given table. Names not in the graph are ignored.
    /// </summary>
    public SchemaGraph Focus(IEnumerable<string> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var focused = tables.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var relationships = Relationships.Where(r => focused.Contains(r.Parent) || focused.Contains(r.Child)).ToList();
        var shown = focused.Concat(relationships.SelectMany(r => new[] { r.Parent, r.Child })).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var result = Tables
            .Where(t => shown.Contains(t.Name))
            .Select(t => focused.Contains(t.Name) ? t : t with { Columns = [], Detailed = false })
            .ToList();
        return new SchemaGraph(result, relationships);
    }

    public Table? Find(string name) => Tables.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A table: <c>[Schema].[Table]</c>, its columns (empty when shown by name only), its description, and the table it keeps history for.</summary>
    public sealed record Table(string Name, IReadOnlyList<Column> Columns, bool Detailed, string? Description, string? HistoryOf);

    /// <summary>A column with its full SQL type (e.g. <c>nvarchar(254)</c>, or <c>computed</c>) and the keys it is part of.</summary>
    public sealed record Column(string Name, string Type, bool Nullable, bool PrimaryKey, bool ForeignKey, bool Unique);

    /// <summary>
    /// A foreign key: <see cref="Child"/>'s <see cref="Columns"/> reference <see cref="Parent"/>. Optional when a
    /// column is nullable; identifying when the columns are part of the child's primary key.
    /// </summary>
    public sealed record Relationship(string Parent, string Child, IReadOnlyList<string> Columns, bool Optional, bool Identifying, string Constraint);
}
