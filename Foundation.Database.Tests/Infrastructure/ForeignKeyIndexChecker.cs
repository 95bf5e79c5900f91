using Microsoft.SqlServer.Dac.Model;
using Index = Microsoft.SqlServer.Dac.Model.Index;

namespace Foundation.Database.Tests.Infrastructure;

/// <summary>
/// Finds foreign keys without a supporting index: an unfiltered index, primary key or unique constraint on the
/// referencing table whose leading key columns are the foreign key's columns, in the same order. Without one, every
/// delete or key change on the referenced table scans the referencing table.
/// </summary>
public static class ForeignKeyIndexChecker
{
    /// <summary>The names of the foreign keys in the model that have no supporting index.</summary>
    public static IReadOnlyList<string> FindUnsupportedForeignKeys(TSqlModel model)
    {
        var keysByTable = model.GetObjects(DacQueryScopes.UserDefined, Table.TypeClass)
            .ToDictionary(t => t.Name.ToString(), t => KeyColumnLists(t).ToList(), StringComparer.OrdinalIgnoreCase);

        var unsupported = new List<string>();
        foreach (var foreignKey in model.GetObjects(DacQueryScopes.UserDefined, ForeignKeyConstraint.TypeClass))
        {
            var table = foreignKey.GetReferenced(ForeignKeyConstraint.Host).Single();
            var columns = ColumnNames(foreignKey.GetReferenced(ForeignKeyConstraint.Columns));
            var candidates = keysByTable.TryGetValue(table.Name.ToString(), out var keys) ? keys : [];
            if (!candidates.Any(key => key.Count >= columns.Count && key.Take(columns.Count).SequenceEqual(columns, StringComparer.OrdinalIgnoreCase)))
            {
                unsupported.Add(foreignKey.Name.ToString());
            }
        }

        return unsupported;
    }

    private static IEnumerable<IReadOnlyList<string>> KeyColumnLists(TSqlObject table)
    {
        foreach (var primaryKey in table.GetReferencing(PrimaryKeyConstraint.Host))
        {
            yield return ColumnNames(primaryKey.GetReferenced(PrimaryKeyConstraint.Columns));
        }

        foreach (var unique in table.GetReferencing(UniqueConstraint.Host))
        {
            yield return ColumnNames(unique.GetReferenced(UniqueConstraint.Columns));
        }

        // A filtered index leaves rows out, so it cannot find every referencing row.
        foreach (var index in table.GetReferencing(Index.IndexedObject)
                     .Where(i => string.IsNullOrEmpty(i.GetProperty(Index.FilterPredicate)?.ToString())))
        {
            yield return ColumnNames(index.GetReferenced(Index.Columns));
        }
    }

    private static List<string> ColumnNames(IEnumerable<TSqlObject> columns) => [.. columns.Select(c => c.Name.Parts[^1])];
}
