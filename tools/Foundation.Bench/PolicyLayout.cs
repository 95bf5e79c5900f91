namespace Foundation.Bench;

/// <summary>How the synthetic schema's row-level security is laid out.</summary>
public enum PolicyLayout
{
    /// <summary>One policy per table, covering it and its history table (the layout the README asks of new tables).</summary>
    PerTable,

    /// <summary>One policy over every table: a change to any table makes DacFx drop and recreate all of it.</summary>
    OneForAll,
}
