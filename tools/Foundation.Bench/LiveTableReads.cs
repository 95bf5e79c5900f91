namespace Foundation.Bench;

/// <summary>One table's logical reads in one query, with the policies on and off, and what protects it.</summary>
public sealed record LiveTableReads(string Table, long UnderPolicy, long WithoutPolicy, string Protection)
{
    public long Extra => UnderPolicy - WithoutPolicy;

    public override string ToString() => $"{Table} {UnderPolicy}/{WithoutPolicy} ({Protection})";
}
