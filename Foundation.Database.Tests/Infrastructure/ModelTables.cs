using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Infrastructure;

/// <summary>Finds tables of the built model by their bracketed two-part name, e.g. "[Identity].[Users]".</summary>
public static class ModelTables
{
    public static TSqlObject Get(string qualifiedName)
    {
        var parts = qualifiedName.Trim('[', ']').Split("].[");
        return parts.Length == 2
            ? BuiltModel.GetTable(parts[0], parts[1])
            : throw new ArgumentException($"Expected [Schema].[Table], got '{qualifiedName}'.", nameof(qualifiedName));
    }

    /// <summary>The tables that are some system-versioned table's history table.</summary>
    public static IReadOnlySet<string> HistoryTableNames(TSqlModel model) =>
        model.GetObjects(DacQueryScopes.UserDefined, Table.TypeClass)
            .SelectMany(t => t.GetReferenced(Table.TemporalSystemVersioningHistoryTable))
            .Select(h => h.Name.ToString())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
}
