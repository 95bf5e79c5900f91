using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Foundation.Deploy.Planning;

/// <summary>Reads DacFx's deploy report XML (DeployReport/2012/02): operations with their items, and alerts with their issues.</summary>
public static partial class DeployReportParser
{
    public sealed record Item(string Operation, string Value, string Type, IReadOnlyList<int> IssueIds);

    public sealed record Issue(string AlertName, int? Id, string Value);

    public static (IReadOnlyList<Item> Items, IReadOnlyList<Issue> Issues) Parse(string xml)
    {
        var root = XDocument.Parse(xml).Root ?? throw new InvalidOperationException("The DacFx deploy report is empty.");
        var ns = root.Name.Namespace;
        var items = root.Elements(ns + "Operations").Elements(ns + "Operation")
            .SelectMany(op => op.Elements(ns + "Item").Select(item => new Item(
                (string?)op.Attribute("Name") ?? "Unknown",
                (string?)item.Attribute("Value") ?? string.Empty,
                (string?)item.Attribute("Type") ?? string.Empty,
                item.Elements(ns + "Issue").Select(i => (int?)i.Attribute("Id")).OfType<int>().ToList())))
            .ToList();
        var issues = root.Elements(ns + "Alerts").Elements(ns + "Alert")
            .SelectMany(alert => alert.Elements(ns + "Issue").Select(issue => new Issue(
                (string?)alert.Attribute("Name") ?? "Unknown",
                (int?)issue.Attribute("Id"),
                (string?)issue.Attribute("Value") ?? string.Empty)))
            .ToList();
        return (items, issues);
    }

    /// <summary>
    /// Finds the table and column a DataIssue alert is about, from DacFx's wording, falling back to the table item the
    /// alert is attached to. Returns (table, column-or-null).
    /// </summary>
    public static (string Table, string? Column) LocateDataIssue(string message, string? attachedItem)
    {
        ArgumentNullException.ThrowIfNull(message);
        var dropped = DroppedColumn().Match(message);
        if (dropped.Success)
        {
            var parts = ObjectNames.Parts(dropped.Groups["name"].Value);
            return parts.Count >= 3 ? (ObjectNames.Quote(parts.Take(2)), parts[2]) : (ObjectNames.Quote(parts), null);
        }

        var typeChange = ColumnInTable().Match(message);
        if (typeChange.Success)
        {
            return (typeChange.Groups["table"].Value, typeChange.Groups["column"].Value.Trim('[', ']'));
        }

        var droppedTable = DroppedTable().Match(message);
        if (droppedTable.Success)
        {
            return (droppedTable.Groups["name"].Value, null);
        }

        return (attachedItem is null ? "(unknown object)" : ObjectNames.TableOf(attachedItem), null);
    }

    // "The column [S].[T].[C] is being dropped, ..." and "The column [S].[T].[C] on table [S].[T] must be added, but ...".
    [GeneratedRegex(@"^The column (?<name>\[.+?\]\.\[.+?\]\.\[.+?\]) (is being dropped|on table)")]
    private static partial Regex DroppedColumn();

    [GeneratedRegex(@"column \[?(?<column>[^\]\s]+)\]? in table (?<table>\[.+?\]\.\[.+?\])")]
    private static partial Regex ColumnInTable();

    [GeneratedRegex(@"^The table (?<name>\[.+?\]\.\[.+?\]) is being dropped")]
    private static partial Regex DroppedTable();
}
