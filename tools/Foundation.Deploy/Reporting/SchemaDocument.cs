using System.Text;

namespace Foundation.Deploy.Reporting;

/// <summary>
/// Writes <c>docs/schema.md</c>: every table of the built model (description, primary key, history table) and one
/// Mermaid ER diagram of the whole schema. Deterministic (no date, no path), so a test can regenerate it and compare.
/// </summary>
public static class SchemaDocument
{
    /// <summary>The one command that regenerates docs/schema.md from the repository root (after <c>dotnet build</c>).</summary>
    public const string RegenerateCommand = "dotnet run --project tools/Foundation.Deploy -- schema --out docs/schema.md";

    public static string Write(SchemaGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var md = new StringBuilder();
        Line(md, "# Schema");
        Line(md);
        Line(md, $"Generated from the built model by `{RegenerateCommand}` (after `dotnet build`); do not edit by hand.");
        Line(md, "`SchemaDocumentTests` fails when this page no longer matches the model, and prints that command.");
        Line(md, "The names every part relies on are in [design-contract.md](design-contract.md).");
        Line(md);
        Line(md, "## Tables");
        Line(md);
        Line(md, "| Table | Primary key | Foreign keys to | Description |");
        Line(md, "|---|---|---|---|");
        foreach (var table in graph.Tables)
        {
            var pk = table.Columns.Where(c => c.PrimaryKey).Select(c => c.Name).ToList();
            var parents = graph.Relationships.Where(r => string.Equals(r.Child, table.Name, StringComparison.OrdinalIgnoreCase))
                .Select(r => r.Parent).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var description = table.HistoryOf is null ? table.Description : $"History (temporal) of {table.HistoryOf}. {table.Description}".Trim();
            Line(md, $"| {MarkdownText.Code(table.Name)} | {(pk.Count == 0 ? "-" : MarkdownText.Inline(string.Join(", ", pk)))} | "
                + $"{(parents.Count == 0 ? "-" : string.Join(", ", parents.Select(p => MarkdownText.Code(p))))} | {MarkdownText.Inline(description ?? string.Empty)} |");
        }

        Line(md);
        Line(md, "## Entity-relationship diagram");
        Line(md);
        Line(md, "Keys: PK primary key, FK foreign key, UK unique key; the quoted text is the SQL type (NULL: nullable).");
        Line(md, "A dashed line is a foreign key that is not part of the child's primary key; \"history\" links a temporal table to its history table (same columns, drawn by name only).");
        Line(md);
        Line(md, "```mermaid");

        // A history table has its temporal table's columns: drawn by name only, linked to it by "history".
        md.Append(MermaidErDiagram.Write(graph with { Tables = [.. graph.Tables.Select(t => t.HistoryOf is null ? t : t with { Columns = [], Detailed = false })] }));
        Line(md, "```");
        return md.ToString();
    }

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
