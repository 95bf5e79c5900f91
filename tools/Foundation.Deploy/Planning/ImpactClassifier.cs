namespace Foundation.Deploy.Planning;

/// <summary>
/// Estimates the impact class of one DacFx operation from its action and object type, refined by what the script
/// does to the table (<see cref="DeployScriptFacts"/>). Conservative: when in doubt it picks the heavier class, and the
/// reason says which edition would do better.
/// </summary>
public static class ImpactClassifier
{
    private static readonly HashSet<string> _indexTypes = new(StringComparer.Ordinal)
    {
        "SqlIndex", "SqlPrimaryKeyConstraint", "SqlUniqueConstraint", "SqlColumnStoreIndex", "SqlXmlIndex", "SqlSpatialIndex", "SqlFullTextIndex",
    };

    private static readonly HashSet<string> _validatingConstraintTypes = new(StringComparer.Ordinal)
    {
        "SqlForeignKeyConstraint", "SqlCheckConstraint",
    };

    public static (ImpactClass Impact, string Reason, bool? Online) Classify(string action, string objectName, string objectType, DeployScriptFacts facts, ISet<string> newTables)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(newTables);
        var table = ObjectNames.TableOf(objectName);
        var tableIsNew = newTables.Contains(table);

        if (action == "TableRebuild")
        {
            return (ImpactClass.Blocking, "Table rebuild: every row is copied into a new table inside one SERIALIZABLE transaction; readers and writers wait until it commits, and the log grows by the table's size.", null);
        }

        if (action == "Drop")
        {
            return _indexTypes.Contains(objectType) && objectType is "SqlPrimaryKeyConstraint"
                ? (ImpactClass.SizeOfData, "Dropping a clustered primary key rewrites the table as a heap.", null)
                : (ImpactClass.MetadataOnly, "Drop: metadata only (space of dropped data is reclaimed later).", null);
        }

        if (objectType == "SqlTable")
        {
            return action == "Create"
                ? (ImpactClass.MetadataOnly, "New, empty table.", null)
                : ClassifyTableAlter(objectName, facts);
        }

        if (_indexTypes.Contains(objectType) && action == "Create")
        {
            if (tableIsNew)
            {
                return (ImpactClass.MetadataOnly, "Index on a table created by this deployment (empty).", null);
            }

            var online = facts.IsIndexOnline(objectName) ?? false;
            return online
                ? (ImpactClass.SizeOfData, "Index build ONLINE: reads the whole table; writers are blocked only briefly at start and end (Enterprise / Azure SQL).", true)
                : (ImpactClass.Blocking, "Index build OFFLINE: reads the whole table while writers (clustered: readers too) wait. It could run ONLINE on Enterprise / Azure SQL.", false);
        }

        if (_validatingConstraintTypes.Contains(objectType) && action == "Create" && !tableIsNew)
        {
            return (ImpactClass.SizeOfData, "Constraint checked against every existing row when enabled WITH CHECK.", null);
        }

        return (ImpactClass.MetadataOnly, $"{action} of a {Describe(objectType)}: metadata only.", null);
    }

    private static (ImpactClass, string, bool?) ClassifyTableAlter(string table, DeployScriptFacts facts)
    {
        if (!facts.HasTable(table))
        {
            return (ImpactClass.MetadataOnly, "Table altered (no column or constraint change found in the script).", null);
        }

        var t = facts.ForTable(table);
        if (t.AlteredColumns.Count > 0)
        {
            return (ImpactClass.Blocking, $"ALTER COLUMN {string.Join(", ", t.AlteredColumns)}: checks or rewrites every row under a schema-modification lock (no reads or writes meanwhile).", null);
        }

        if (t.AddedNotNullColumns.Count > 0)
        {
            var withDefault = t.AddedNotNullColumns.Except(t.AddedNotNullColumnsWithoutDefault, StringComparer.OrdinalIgnoreCase).ToList();
            var added = new List<string>();
            if (withDefault.Count > 0)
            {
                added.Add($"ADD NOT NULL column(s) {string.Join(", ", withDefault)} with a default: metadata only on Enterprise / Azure SQL, writes every row elsewhere");
            }

            if (t.AddedNotNullColumnsWithoutDefault.Count > 0)
            {
                added.Add($"ADD NOT NULL column(s) {string.Join(", ", t.AddedNotNullColumnsWithoutDefault)} without a default: fails if the table holds any row (give it a default, allow NULL, or fill it in a data migration)");
            }

            return (ImpactClass.SizeOfData, string.Join("; ", added) + ".", null);
        }

        if (t.CheckedConstraints.Count > 0)
        {
            return (ImpactClass.SizeOfData, $"Constraint(s) {string.Join(", ", t.CheckedConstraints)} validated against every row.", null);
        }

        var parts = new List<string>();
        if (t.AddedNullableColumns.Count > 0)
        {
            parts.Add($"ADD nullable column(s) {string.Join(", ", t.AddedNullableColumns)}");
        }

        if (t.DroppedColumns.Count > 0)
        {
            parts.Add($"DROP COLUMN {string.Join(", ", t.DroppedColumns)}");
        }

        return (ImpactClass.MetadataOnly, (parts.Count > 0 ? string.Join("; ", parts) : "Table altered") + ": metadata only.", null);
    }

    private static string Describe(string objectType) => objectType.StartsWith("Sql", StringComparison.Ordinal) ? objectType[3..] : objectType;
}
