using System.Text;
using System.Text.RegularExpressions;

namespace Foundation.Deploy.Reporting;

/// <summary>
/// Writes a <see cref="SchemaGraph"/> as a Mermaid <c>erDiagram</c> (mermaid.js.org, "Entity Relationship Diagrams"),
/// which GitHub renders in a <c>```mermaid</c> block. Kept to the long-established part of the syntax so that older
/// renderers draw it too: entity names are identifiers (<c>[Identity].[Users]</c> is <c>Identity_Users</c>), attribute
/// types a single word, keys PK/FK/UK, the full SQL type in the attribute comment. A foreign key is drawn from the
/// referenced table (exactly one, or zero-or-one when a column is nullable) to the referencing table (zero or more),
/// solid when its columns are part of the child's primary key (identifying), dashed otherwise; a temporal table is
/// drawn to its history table, dashed, labelled "history". Tables shown by name only have no attribute block.
/// </summary>
public static partial class MermaidErDiagram
{
    public static string Write(SchemaGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var names = EntityNames(graph.Tables.Select(t => t.Name));
        var md = new StringBuilder("erDiagram\n");
        foreach (var table in graph.Tables.Where(t => t.Detailed))
        {
            md.Append("    ").Append(names[table.Name]).Append(" {\n");
            foreach (var column in table.Columns)
            {
                md.Append("        ").Append(Attribute(column)).Append('\n');
            }

            md.Append("    }\n");
        }

        foreach (var r in graph.Relationships.Where(r => names.ContainsKey(r.Parent) && names.ContainsKey(r.Child)))
        {
            var parentEnd = r.Optional ? "|o" : "||";
            var line = r.Identifying ? "--" : "..";
            md.Append("    ").Append(names[r.Parent]).Append(' ').Append(parentEnd).Append(line).Append("o{ ").Append(names[r.Child])
                .Append(" : \"").Append(Comment(string.Join(", ", r.Columns))).Append("\"\n");
        }

        foreach (var history in graph.Tables.Where(t => t.HistoryOf is not null && names.ContainsKey(t.HistoryOf)))
        {
            md.Append("    ").Append(names[history.HistoryOf!]).Append(" ||..o{ ").Append(names[history.Name]).Append(" : \"history\"\n");
        }

        return md.ToString();
    }

    /// <summary>The Mermaid entity name of a table: schema and name joined by '_', other characters replaced by '_'.</summary>
    public static string EntityName(string table) => Identifier(string.Join("_", Planning.ObjectNames.Parts(table)));

    private static Dictionary<string, string> EntityNames(IEnumerable<string> tables)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var name = EntityName(table);
            var candidate = name;
            for (var n = 2; !used.Add(candidate); n++)
            {
                candidate = $"{name}_{n}";
            }

            result[table] = candidate;
        }

        return result;
    }

    private static string Attribute(SchemaGraph.Column column)
    {
        var type = Identifier(column.Type.Split('(')[0]);
        var keys = new List<string>();
        if (column.PrimaryKey)
        {
            keys.Add("PK");
        }

        if (column.ForeignKey)
        {
            keys.Add("FK");
        }

        if (column.Unique && !column.PrimaryKey)
        {
            keys.Add("UK");
        }

        var comment = column.Type + (column.Nullable ? " NULL" : string.Empty);
        var attribute = $"{type} {Identifier(column.Name)}";
        if (keys.Count > 0)
        {
            attribute += " " + string.Join(", ", keys);
        }

        return comment == type ? attribute : $"{attribute} \"{Comment(comment)}\"";
    }

    private static string Identifier(string text)
    {
        var name = NotWord().Replace(text, "_");
        return name.Length == 0 || !char.IsAsciiLetter(name[0]) ? "_" + name : name;
    }

    private static string Comment(string text) => text.Replace("\"", "'", StringComparison.Ordinal);

    [GeneratedRegex("[^A-Za-z0-9_]")]
    private static partial Regex NotWord();
}
