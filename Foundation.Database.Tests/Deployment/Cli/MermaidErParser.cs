using System.Text.RegularExpressions;

namespace Foundation.Database.Tests.Deployment.Cli;

/// <summary>
/// Reads back what a Mermaid erDiagram says (entities, their attributes with keys, and relationships), so tests can
/// compare a generated diagram with the model it claims to draw.
/// </summary>
public static partial class MermaidErParser
{
    public sealed record Diagram(
        IReadOnlyDictionary<string, IReadOnlyList<Field>> Entities,
        IReadOnlyList<Relationship> Relationships);

    public sealed record Field(string Type, string Name, IReadOnlySet<string> Keys, string? Comment);

    public sealed record Relationship(string Parent, string ParentEnd, string Line, string Child, string Label);

    public static Diagram Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entities = new Dictionary<string, IReadOnlyList<Field>>(StringComparer.Ordinal);
        var relationships = new List<Relationship>();
        List<Field>? current = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line == "erDiagram" || line.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            if (current is not null)
            {
                if (line == "}")
                {
                    current = null;
                    continue;
                }

                var a = AttributeLine().Match(line);
                Assert.True(a.Success, $"Not an attribute line: {line}");
                var keys = a.Groups["keys"].Success ? a.Groups["keys"].Value.Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal) : [];
                current.Add(new Field(a.Groups["type"].Value, a.Groups["name"].Value, keys, a.Groups["comment"].Success ? a.Groups["comment"].Value : null));
                continue;
            }

            var block = EntityStart().Match(line);
            if (block.Success)
            {
                current = [];
                entities[block.Groups["name"].Value] = current;
                continue;
            }

            var r = RelationshipLine().Match(line);
            Assert.True(r.Success, $"Not an entity or relationship line: {line}");
            relationships.Add(new Relationship(r.Groups["parent"].Value, r.Groups["end"].Value, r.Groups["line"].Value, r.Groups["child"].Value, r.Groups["label"].Value));
        }

        return new Diagram(entities, relationships);
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*) \{$")]
    private static partial Regex EntityStart();

    [GeneratedRegex(@"^(?<type>[A-Za-z_][A-Za-z0-9_]*) (?<name>[A-Za-z_][A-Za-z0-9_]*)(?: (?<keys>(?:PK|FK|UK)(?:, (?:PK|FK|UK))*))?(?: ""(?<comment>[^""]*)"")?$")]
    private static partial Regex AttributeLine();

    [GeneratedRegex(@"^(?<parent>[A-Za-z_][A-Za-z0-9_]*) (?<end>\|\||\|o)(?<line>--|\.\.)o\{ (?<child>[A-Za-z_][A-Za-z0-9_]*) : ""(?<label>[^""]*)""$")]
    private static partial Regex RelationshipLine();
}
