using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// A constraint or unique index of the model: its kind, its table, its columns (key columns; for a CHECK, the columns
/// its expression reads), for a FOREIGN KEY the referenced table and columns, for a CHECK the parsed expression
/// (null when it does not parse), for a filtered index the filter's text.
/// </summary>
public sealed record ConstraintFacts(
    string Name,
    ConstraintKind Kind,
    string Table,
    IReadOnlyList<string> Columns,
    string? ReferencedTable = null,
    IReadOnlyList<string>? ReferencedColumns = null,
    BooleanExpression? Check = null,
    string? Filter = null)
{
    /// <summary>The error a violation raises (sys.messages 547, 2627, 2601).</summary>
    public int ErrorNumber => Kind switch
    {
        ConstraintKind.Check or ConstraintKind.ForeignKey => 547,
        ConstraintKind.PrimaryKey or ConstraintKind.Unique => 2627,
        _ => 2601,
    };

    public bool IsKey => Kind is ConstraintKind.PrimaryKey or ConstraintKind.Unique or ConstraintKind.UniqueIndex;

    /// <summary>"CHECK constraint", "unique index", ... for messages.</summary>
    public string KindText => Kind switch
    {
        ConstraintKind.Check => "CHECK constraint",
        ConstraintKind.ForeignKey => "FOREIGN KEY constraint",
        ConstraintKind.PrimaryKey => "PRIMARY KEY constraint",
        ConstraintKind.Unique => "UNIQUE constraint",
        _ => "unique index",
    };
}
