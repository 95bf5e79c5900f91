namespace Foundation.Database.Tests.TSqlt;

/// <summary>A rule that an INSERT's data certainly breaks: the constraint (null for NOT NULL), the error it raises, and why.</summary>
public sealed record DataViolation(ConstraintFacts? Constraint, int ErrorNumber, string Description);
