namespace Foundation.Database.Tests.Model;

/// <summary>One column of <see cref="ExpectedSchema"/>: name, SQL type as written (e.g. "nvarchar(254)"), nullability, kind.</summary>
public sealed record ExpectedColumn(string Name, string Type, bool Nullable, ColumnKind Kind = ColumnKind.Plain)
{
    public override string ToString() => $"{Name} {Type} {(Nullable ? "NULL" : "NOT NULL")} {Kind}";
}
