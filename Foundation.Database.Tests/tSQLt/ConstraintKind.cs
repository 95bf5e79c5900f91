namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// What kind of rule a named schema object enforces, and so which error a violation raises:
/// CHECK and FOREIGN KEY 547, PRIMARY KEY and UNIQUE constraint 2627, unique index 2601
/// (SQL Server's messages 547, 2627 and 2601 in sys.messages).
/// </summary>
public enum ConstraintKind
{
    Check,
    ForeignKey,
    PrimaryKey,
    Unique,
    UniqueIndex,
}
