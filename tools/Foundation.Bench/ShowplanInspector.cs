using System.Xml.Linq;

namespace Foundation.Bench;

/// <summary>Reads an actual execution plan (SET STATISTICS XML) for the way each table was reached.</summary>
public static class ShowplanInspector
{
    private static readonly XNamespace _showplan = "http://schemas.microsoft.com/sqlserver/2004/07/showplan";

    public static IReadOnlyList<TableAccess> Accesses(IEnumerable<string> planXml) =>
        planXml.SelectMany(xml => XDocument.Parse(xml).Descendants(_showplan + "RelOp"))
            .Select(relOp => (relOp, target: relOp.Elements().FirstOrDefault(e => e.Name == _showplan + "IndexScan" || e.Name == _showplan + "TableScan")))
            .Where(x => x.target is not null)
            .Select(x =>
            {
                var obj = x.target!.Element(_showplan + "Object");
                return new TableAccess(
                    (string?)x.relOp.Attribute("PhysicalOp") ?? "?",
                    Unquote((string?)obj?.Attribute("Schema")),
                    Unquote((string?)obj?.Attribute("Table")),
                    Unquote((string?)obj?.Attribute("Index")));
            })
            .ToList();

    private static string Unquote(string? name) => (name ?? "").Trim('[', ']');
}
