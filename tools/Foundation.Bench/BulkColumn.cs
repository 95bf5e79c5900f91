namespace Foundation.Bench;

/// <summary>A column the bulk loader fills: its name, CLR type, and the value for row n (1-based; null for SQL NULL).</summary>
public sealed record BulkColumn(string Name, Type Type, Func<long, object?> Value);
