using Foundation.Bench;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Bench;

/// <summary>The benchmark's synthetic schema is what it claims to be (no timing here: the bench measures, tests only check shape).</summary>
public sealed class SyntheticSchemaGeneratorTests
{
    private const int Tables = 30;
    private static readonly Lazy<TSqlModel> _model = new(() => Load(SyntheticSchemaGenerator.Generate(Tables)));

    [Fact]
    public void Generate_ProducesTheRequestedNumberOfTenantTables()
    {
        var tables = TenantTables().ToList();

        Assert.Equal(Tables, tables.Count);
    }

    [Fact]
    public void Generate_GivesEveryTableANamedPrimaryKeyAndATenantColumn()
    {
        foreach (var table in TenantTables())
        {
            var primaryKey = Assert.Single(table.GetReferencing(PrimaryKeyConstraint.Host));
            Assert.StartsWith("[Synthetic].[PK_Synthetic_", primaryKey.Name.ToString(), StringComparison.Ordinal);
            Assert.Contains(table.GetReferenced(Table.Columns), c => c.Name.Parts[^1] == "TenantId");
        }
    }

    [Fact]
    public void Generate_BacksEveryForeignKeyWithAnIndexLedByItsColumns()
    {
        var foreignKeys = TenantTables().SelectMany(t => t.GetReferencing(ForeignKeyConstraint.Host)).ToList();

        Assert.True(foreignKeys.Count > Tables, "every table has a tenant FK, most a parent FK too");
        foreach (var foreignKey in foreignKeys)
        {
            var columns = foreignKey.GetReferenced(ForeignKeyConstraint.Columns).Select(c => c.Name.ToString()).ToList();
            var table = foreignKey.GetReferenced(ForeignKeyConstraint.Host).Single();
            Assert.True(LeadingColumnSets(table).Any(keys => keys.Take(columns.Count).SequenceEqual(columns)), $"{foreignKey.Name} has no supporting index");
        }
    }

    [Fact]
    public void Generate_GivesEveryTableAPolicyOfItsOwn_WithFilterAndBlockPredicates_AndAFilterOnItsHistoryTable()
    {
        var policies = _model.Value.GetObjects(DacQueryScopes.UserDefined, SecurityPolicy.TypeClass).ToDictionary(p => p.Name.ToString());

        Assert.Equal(Tables, policies.Count);
        foreach (var table in TenantTables())
        {
            var name = table.Name.Parts[^1];
            Assert.True(policies.TryGetValue($"[Security].[{name}Policy]", out var policy), $"no policy of its own for {table.Name}");
            var predicates = Predicates(policy);
            Assert.Contains(predicates, p => p.Target == table.Name.ToString() && p.Type == SecurityPredicateType.Filter);
            Assert.Contains(predicates, p => p.Target == table.Name.ToString() && p.Type == SecurityPredicateType.Block);
            Assert.All(predicates, p => Assert.EndsWith($".[{name}]", p.Target, StringComparison.Ordinal));
            if (SyntheticSchemaGenerator.HasHistory(int.Parse(name["Table".Length..], System.Globalization.CultureInfo.InvariantCulture)))
            {
                Assert.Contains(predicates, p => p.Target == $"[SyntheticHistory].[{name}]" && p.Type == SecurityPredicateType.Filter);
            }
        }
    }

    [Fact]
    public void Generate_SystemVersionsEveryTableThatVersion2Changes()
    {
        var version2 = SyntheticSchemaGenerator.Generate(200, version: 2);

        Assert.All(version2.ChangedTables, name => Assert.Contains(version2.Files, f => f.Key == $"SyntheticHistory/Tables/{name}.sql" && f.Value.Contains("[Notes]", StringComparison.Ordinal)));
    }

    [Fact]
    public void Generate_OneForAllLayout_PutsEveryTableUnderOnePolicy()
    {
        var schema = SyntheticSchemaGenerator.Generate(Tables, layout: PolicyLayout.OneForAll);
        using var model = Load(schema);

        var policy = Assert.Single(model.GetObjects(DacQueryScopes.UserDefined, SecurityPolicy.TypeClass));
        var targets = Predicates(policy).Where(p => p.Type == SecurityPredicateType.Block).Select(p => p.Target).Distinct().Count();
        Assert.Equal(Tables, targets);
    }

    [Fact]
    public void Generate_Version2_ChangesFivePercentOfTheTables()
    {
        var version2 = SyntheticSchemaGenerator.Generate(200, version: 2);

        Assert.Equal(10, version2.ChangedTables.Count);
        Assert.All(version2.ChangedTables, name => Assert.Contains(version2.Files, f => f.Key.EndsWith($"/{name}.sql", StringComparison.Ordinal) && f.Value.Contains("[Notes]", StringComparison.Ordinal)));
    }

    [Fact]
    public void RawDacFxBuilder_BuildsTheGeneratedSchemaIntoADacpac()
    {
        var folder = Directory.CreateTempSubdirectory("foundation-bench-test-");
        try
        {
            SyntheticSchemaGenerator.Generate(5).WriteTo(folder.FullName);
            var dacpac = Path.Combine(folder.FullName, "out", "Synthetic5.dacpac");

            var result = RawDacFxBuilder.Build(folder.FullName, dacpac, "Synthetic5");

            Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
            Assert.True(File.Exists(dacpac));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static IEnumerable<TSqlObject> TenantTables() =>
        _model.Value.GetObjects(DacQueryScopes.UserDefined, Table.TypeClass)
            .Where(t => t.Name.Parts[0] == SyntheticSchemaGenerator.SchemaName && t.Name.Parts[^1] != "Tenants");

    private static List<(string Target, SecurityPredicateType Type)> Predicates(TSqlObject policy) =>
        policy.GetChildren()
            .Where(c => c.ObjectType == SecurityPredicate.TypeClass)
            .Select(p => (p.GetReferenced(SecurityPredicate.TargetObject).Single().Name.ToString(), p.GetProperty<SecurityPredicateType>(SecurityPredicate.PredicateType)))
            .ToList();

    /// <summary>Key columns of the table's primary key, unique constraints and indexes.</summary>
    private static IEnumerable<List<string>> LeadingColumnSets(TSqlObject table)
    {
        IEnumerable<TSqlObject> keys = [.. table.GetReferencing(PrimaryKeyConstraint.Host), .. table.GetReferencing(UniqueConstraint.Host)];
        foreach (var key in keys)
        {
            var relationship = key.ObjectType == PrimaryKeyConstraint.TypeClass ? PrimaryKeyConstraint.Columns : UniqueConstraint.Columns;
            yield return key.GetReferenced(relationship).Select(c => c.Name.ToString()).ToList();
        }

        foreach (var index in table.GetReferencing(Microsoft.SqlServer.Dac.Model.Index.IndexedObject))
        {
            yield return index.GetReferenced(Microsoft.SqlServer.Dac.Model.Index.Columns).Select(c => c.Name.ToString()).ToList();
        }
    }

    private static TSqlModel Load(SyntheticSchema schema)
    {
        var model = new TSqlModel(SqlServerVersion.Sql160, new TSqlModelOptions());
        foreach (var (path, text) in schema.Files)
        {
            model.AddOrUpdateObjects(text, path, new TSqlObjectOptions());
        }

        var errors = model.Validate();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => e.ToString())));
        return model;
    }
}
