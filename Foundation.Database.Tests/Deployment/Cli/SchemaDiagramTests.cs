using Foundation.Database.Tests.Infrastructure;
using Foundation.Deploy.Dacpacs;
using Foundation.Deploy.Planning;
using Foundation.Deploy.Reporting;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Deployment.Cli;

/// <summary>
/// The ER diagrams say what the model says: every table, every primary-key column, every foreign key (with its
/// columns, optionality and whether it identifies the child), checked against the DacFx model walked the other way
/// round (from each table to the keys that reference it); the report's diagram shows exactly the changed tables.
/// </summary>
public sealed class SchemaDiagramTests(CliFixtures fixtures)
{
    [Fact]
    public void WholeSchemaDiagram_MatchesTheBuiltModel()
    {
        var diagram = MermaidErParser.Parse(MermaidErDiagram.Write(SchemaGraphReader.Read(BuiltModel.Model)));

        Assert.Empty(DifferencesFromModel(diagram, BuiltModel.Model));
    }

    [Fact]
    public void ModelComparison_FindsADiagramThatLosesAKeyOrAForeignKey()
    {
        var text = MermaidErDiagram.Write(SchemaGraphReader.Read(BuiltModel.Model));
        var noPrimaryKey = text.Replace("bigint UserId PK", "bigint UserId", StringComparison.Ordinal);
        var noForeignKey = string.Join('\n', text.Split('\n').Where(l => !l.Contains("Tenancy_Tenants ||..o{ Identity_Users", StringComparison.Ordinal)));

        Assert.NotEqual(text, noPrimaryKey);
        Assert.Contains(DifferencesFromModel(MermaidErParser.Parse(noPrimaryKey), BuiltModel.Model), d => d.Contains("Identity_Users primary key", StringComparison.Ordinal));
        Assert.Contains(DifferencesFromModel(MermaidErParser.Parse(noForeignKey), BuiltModel.Model), d => d.Contains("FK_Identity_Users_TenantId_Tenancy_Tenants", StringComparison.Ordinal));
    }

    [Fact]
    public void FixtureDiagram_DrawsIdentifyingOptionalAndSelfReferencingKeys()
    {
        using var dacpac = DacpacFile.Open(fixtures.Base);
        var diagram = MermaidErParser.Parse(MermaidErDiagram.Write(SchemaGraphReader.Read(dacpac.LoadModel())));

        Assert.Equal(["App_Items", "App_OrderLines", "App_Orders"], diagram.Entities.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(new MermaidErParser.Relationship("App_Items", "||", "..", "App_Orders", "ItemId"), diagram.Relationships);
        Assert.Contains(new MermaidErParser.Relationship("App_Orders", "|o", "..", "App_Orders", "ParentOrderId"), diagram.Relationships);
        Assert.Contains(new MermaidErParser.Relationship("App_Orders", "||", "--", "App_OrderLines", "OrderId"), diagram.Relationships);
        var orderId = Assert.Single(diagram.Entities["App_OrderLines"], a => a.Name == "OrderId");
        Assert.Equal(["FK", "PK"], orderId.Keys.Order(StringComparer.Ordinal));
        var total = Assert.Single(diagram.Entities["App_Orders"], a => a.Name == "Total");
        Assert.Equal(("decimal", "decimal(18,2)"), (total.Type, total.Comment));
        Assert.Equal("nvarchar(400) NULL", Assert.Single(diagram.Entities["App_Items"], a => a.Name == "Note").Comment);
        Assert.Contains("UK", Assert.Single(diagram.Entities["App_Items"], a => a.Name == "Name").Keys);
    }

    [Fact]
    public void ReportDiagram_ShowsTheChangedTableWithItsColumns_AndItsNeighboursByNameOnly()
    {
        using var source = DacpacFile.Open(fixtures.AddNotNullWithDefault);
        using var target = DacpacFile.Open(fixtures.Base);
        var report = DeploymentPlanner.Plan(source, target, PlanRequest.Default()).Report;

        report.ChangedTables = ChangedTables.Diagram(report, source.LoadModel());
        var markdown = MarkdownReportWriter.Write(report);
        var block = markdown[markdown.IndexOf("```mermaid", StringComparison.Ordinal)..];
        var diagram = MermaidErParser.Parse(block[..(block.IndexOf("```\n", 10, StringComparison.Ordinal) + 3)]);

        Assert.Contains("## Tables this deployment changes (1)", markdown, StringComparison.Ordinal);
        Assert.Equal(["App_Items"], diagram.Entities.Keys);
        Assert.Contains(diagram.Entities["App_Items"], a => a.Name == "Priority" && a.Type == "int");
        Assert.Equal([new MermaidErParser.Relationship("App_Items", "||", "..", "App_Orders", "ItemId")], diagram.Relationships);
    }

    [Fact]
    public void ReportDiagram_ListsADroppedTable_UnderTheDiagram()
    {
        using var source = DacpacFile.Open(fixtures.Base);
        using var target = DacpacFile.Open(fixtures.Base);
        var plan = DeploymentPlanner.Plan(source, target, PlanRequest.Default());
        var report = new DeploymentReport
        {
            Direction = plan.Report.Direction, Source = plan.Report.Source, Target = plan.Report.Target, ToolVersion = "test", GeneratedAt = DateTimeOffset.UnixEpoch,
            Operations = [new PlannedOperation("Drop", "[App].[Legacy]", "SqlTable", ImpactClass.MetadataOnly, "Drop", null, [])],
            DataLoss = [], OtherAlerts = [], TableRebuilds = [], RlsChanges = [], Migrations = [], TableSizes = [], Notes = [],
            ChangedTables = new SchemaGraph([], []),
        };

        Assert.Contains("- `[App].[Legacy]` is **dropped**.", MarkdownReportWriter.Write(report), StringComparison.Ordinal);
    }

    /// <summary>What the diagram gets wrong about the model, one line per difference (empty: it matches).</summary>
    private static List<string> DifferencesFromModel(MermaidErParser.Diagram diagram, TSqlModel model)
    {
        var differences = new List<string>();
        var tables = model.GetObjects(DacQueryScopes.UserDefined, Table.TypeClass).ToList();
        var entities = tables.ToDictionary(t => MermaidErDiagram.EntityName(ObjectNames.Quote(t.Name.Parts)), t => t, StringComparer.Ordinal);
        differences.AddRange(entities.Keys.Except(diagram.Entities.Keys).Select(e => $"{e} is missing"));
        differences.AddRange(diagram.Entities.Keys.Except(entities.Keys).Select(e => $"{e} is not a table of the model"));
        foreach (var (entity, table) in entities.Where(e => diagram.Entities.ContainsKey(e.Key)))
        {
            var columns = table.GetReferenced(Table.Columns).Select(c => c.Name.Parts[^1]).ToList();
            if (!columns.SequenceEqual(diagram.Entities[entity].Select(a => a.Name)))
            {
                differences.Add($"{entity} columns: model [{string.Join(", ", columns)}], diagram [{string.Join(", ", diagram.Entities[entity].Select(a => a.Name))}]");
            }

            var primaryKey = table.GetReferencing(PrimaryKeyConstraint.Host).SelectMany(k => k.GetReferenced(PrimaryKeyConstraint.Columns)).Select(c => c.Name.Parts[^1]).Order(StringComparer.Ordinal);
            var marked = diagram.Entities[entity].Where(a => a.Keys.Contains("PK")).Select(a => a.Name).Order(StringComparer.Ordinal);
            if (!primaryKey.SequenceEqual(marked))
            {
                differences.Add($"{entity} primary key: model [{string.Join(", ", primaryKey)}], diagram [{string.Join(", ", marked)}]");
            }

            foreach (var fk in table.GetReferencing(ForeignKeyConstraint.ForeignTable))
            {
                var child = MermaidErDiagram.EntityName(ObjectNames.Quote(fk.GetReferenced(ForeignKeyConstraint.Host).Single().Name.Parts));
                var fkColumns = fk.GetReferenced(ForeignKeyConstraint.Columns).ToList();
                var label = string.Join(", ", fkColumns.Select(c => c.Name.Parts[^1]));
                var optional = fkColumns.Any(c => c.GetProperty<bool>(Column.Nullable));
                var expected = new MermaidErParser.Relationship(entity, optional ? "|o" : "||", "..", child, label);
                var identifying = expected with { Line = "--" };
                if (!diagram.Relationships.Contains(expected) && !diagram.Relationships.Contains(identifying))
                {
                    differences.Add($"{fk.Name} ({child}.{label} -> {entity}) is not drawn as {expected}");
                }

                if (!fkColumns.All(c => diagram.Entities.TryGetValue(child, out var attributes) && attributes.Any(a => a.Name == c.Name.Parts[^1] && a.Keys.Contains("FK"))))
                {
                    differences.Add($"{fk.Name}: a column of {child} is not marked FK");
                }
            }
        }

        var foreignKeys = model.GetObjects(DacQueryScopes.UserDefined, ForeignKeyConstraint.TypeClass).Count();
        var histories = tables.Count(t => t.GetReferenced(Table.TemporalSystemVersioningHistoryTable).Any());
        if (diagram.Relationships.Count != foreignKeys + histories)
        {
            differences.Add($"{diagram.Relationships.Count} relationships drawn; the model has {foreignKeys} foreign keys and {histories} history tables");
        }

        return differences;
    }
}
