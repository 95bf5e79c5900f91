namespace Foundation.Database.Tests.Model;

/// <summary>How a column's value is produced.</summary>
public enum ColumnKind
{
    Plain,
    Identity,
    ComputedPersisted,
    PeriodStart,
    PeriodEndHidden,
}
