using Foundation.Deploy.Planning;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Deploy.Reporting;

/// <summary>
/// The tables a plan changes (created, altered or rebuilt, or given, dropped or changed a key, index or constraint),
/// drawn from the model of the dacpac being deployed: the report's ER diagram shows them as they will be after the
/// deployment, with the tables one foreign key away as context. Dropped tables are not in that model; the report lists
/// them under the diagram.
/// </summary>
public static class ChangedTables
{
    public static IReadOnlyList<string> Names(DeploymentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Operations
            .Where(o => !(o.Action == "Drop" && o.ObjectType == "SqlTable"))
            .Where(o => o.ObjectType == "SqlTable" || o.ObjectType.Contains("Constraint", StringComparison.Ordinal) || o.ObjectType.Contains("Index", StringComparison.Ordinal))
            .Select(o => o.ObjectType == "SqlTable" ? o.ObjectName : ObjectNames.TableOf(o.ObjectName))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>The changed tables with their columns and keys, and their foreign-key neighbours by name.</summary>
    public static SchemaGraph Diagram(DeploymentReport report, TSqlModel deployedModel)
    {
        var names = Names(report);
        return names.Count == 0 ? new SchemaGraph([], []) : SchemaGraphReader.Read(deployedModel).Focus(names);
    }
}
