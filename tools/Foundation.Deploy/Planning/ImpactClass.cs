namespace Foundation.Deploy.Planning;

/// <summary>How much an operation costs the running system, from least to most (a plan's impact is its worst operation's).</summary>
public enum ImpactClass
{
    /// <summary>Changes metadata only: fast whatever the table size; a brief schema lock.</summary>
    MetadataOnly = 0,

    /// <summary>Reads or writes every row (scan, validation, online index build): time grows with the table.</summary>
    SizeOfData = 1,

    /// <summary>Size-of-data work while holding locks that block readers and/or writers (rebuild, ALTER COLUMN, offline index).</summary>
    Blocking = 2,
}
