namespace Foundation.Deploy.Planning;

/// <summary>What the generated deployment script does to tables and indexes, read with ScriptDom.</summary>
public sealed class DeployScriptFacts
{
    private readonly Dictionary<string, TableFacts> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, bool> _indexOnline = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SortedSet<string>> _policyTables = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Statements ScriptDom could not parse (the report then falls back to DacFx's report alone).</summary>
    public IList<string> ParseErrors { get; } = [];

    public TableFacts ForTable(string table)
    {
        if (!_tables.TryGetValue(table, out var facts))
        {
            facts = new TableFacts();
            _tables[table] = facts;
        }

        return facts;
    }

    public bool HasTable(string table) => _tables.ContainsKey(table);

    public void SetIndexOnline(string index, bool online) => _indexOnline[index] = online;

    /// <summary>Whether the script builds the index ONLINE (null when the script has no CREATE INDEX for it).</summary>
    public bool? IsIndexOnline(string index) => _indexOnline.TryGetValue(index, out var online) ? online : null;

    public void AddPolicyTable(string policy, string table)
    {
        if (!_policyTables.TryGetValue(policy, out var tables))
        {
            tables = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            _policyTables[policy] = tables;
        }

        tables.Add(table);
    }

    /// <summary>The tables the script's CREATE/ALTER SECURITY POLICY for <paramref name="policy"/> covers.</summary>
    public IReadOnlyList<string> PolicyTables(string policy) => _policyTables.TryGetValue(policy, out var tables) ? [.. tables] : [];

    /// <summary>Per-table facts: which kinds of ALTER TABLE the script runs.</summary>
    public sealed class TableFacts
    {
        public IList<string> AlteredColumns { get; } = [];

        public IList<string> AddedNullableColumns { get; } = [];

        public IList<string> AddedNotNullColumns { get; } = [];

        /// <summary>The added NOT NULL columns with no default (column or table-level DEFAULT in the same ALTER): they fail on a table with rows.</summary>
        public IList<string> AddedNotNullColumnsWithoutDefault { get; } = [];

        public IList<string> DroppedColumns { get; } = [];

        public IList<string> CheckedConstraints { get; } = [];

        public bool Created { get; set; }
    }
}
