namespace Foundation.Bench;

/// <summary>One access of a table in an actual plan: the physical operator ("Index Seek", "Clustered Index Scan", ...), the table and the index.</summary>
public sealed record TableAccess(string Operator, string Schema, string Table, string Index)
{
    public bool IsSeek => Operator.EndsWith("Seek", StringComparison.Ordinal);

    public override string ToString() => $"{Operator} {Table}.{Index}";
}
