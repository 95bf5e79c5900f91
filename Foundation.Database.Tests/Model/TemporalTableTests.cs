using Foundation.Database.Tests.Infrastructure;
using Microsoft.SqlServer.Dac.Model;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Index = Microsoft.SqlServer.Dac.Model.Index;

namespace Foundation.Database.Tests.Model;

public sealed class TemporalTableTests
{
    private static readonly string[] _catalogueTables = ["[Identity].[Permissions]", "[Identity].[RolePermissions]"];

    public static TheoryData<string, string> TemporalTables => [.. ExpectedSchema.TemporalTables.Select(t => (t.Key, t.Value))];

    [Theory]
    [MemberData(nameof(TemporalTables))]
    public void Table_IsSystemVersionedIntoItsHistoryTable_WhenBuilt(string table, string historyTable)
    {
        // Act
        var history = ModelTables.Get(table).GetReferenced(Table.TemporalSystemVersioningHistoryTable).Select(h => h.Name.ToString()).ToList();

        // Assert
        Assert.Equal([historyTable], history);
        Assert.StartsWith("[History].", historyTable, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TemporalTables))]
    public void Table_HasUpdatedAtAsPeriodStartAndAHiddenValidToAsPeriodEnd_WhenBuilt(string table, string historyTable)
    {
        // Arrange
        _ = historyTable;
        var columns = ModelColumns.Of(ModelTables.Get(table)).ToDictionary(ModelColumns.Name);

        // Act
        var start = columns["UpdatedAt"].GetProperty<ColumnGeneratedAlwaysType>(Column.GeneratedAlwaysType);
        var end = columns["ValidTo"].GetProperty<ColumnGeneratedAlwaysType>(Column.GeneratedAlwaysType);

        // Assert
        Assert.Equal(ColumnGeneratedAlwaysType.GeneratedAlwaysAsRowStart, start);
        Assert.Equal(ColumnGeneratedAlwaysType.GeneratedAlwaysAsRowEnd, end);
        Assert.True(columns["ValidTo"].GetProperty<bool>(Column.IsHidden));
        Assert.False(columns["UpdatedAt"].GetProperty<bool>(Column.IsHidden));
    }

    [Theory]
    [MemberData(nameof(TemporalTables))]
    public void HistoryTable_MirrorsTheCurrentTableColumnByColumn_WhenBuilt(string table, string historyTable)
    {
        // Arrange: a computed column of the current table is a plain column of its CAST type in history.
        var current = ModelColumns.Of(ModelTables.Get(table)).Select(Mirror).ToList();

        // Act
        var history = ModelColumns.Of(ModelTables.Get(historyTable))
            .Select(c => $"{ModelColumns.Name(c)} {ModelColumns.TypeOf(c)} {ModelColumns.IsNullable(c)}").ToList();

        // Assert
        Assert.Equal(current, history);
    }

    [Theory]
    [MemberData(nameof(TemporalTables))]
    public void HistoryTable_HasNoConstraintsIdentityOrPeriod_WhenBuilt(string table, string historyTable)
    {
        // Arrange
        _ = table;
        var history = ModelTables.Get(historyTable);

        // Act
        var constraints = history.GetReferencing(PrimaryKeyConstraint.Host)
            .Concat(history.GetReferencing(UniqueConstraint.Host))
            .Concat(history.GetReferencing(CheckConstraint.Host))
            .Concat(history.GetReferencing(ForeignKeyConstraint.Host))
            .Concat(history.GetReferencing(DefaultConstraint.Host))
            .Select(c => c.Name.ToString()).ToList();
        var generated = ModelColumns.Of(history)
            .Where(c => c.GetProperty<bool>(Column.IsIdentity) || ModelColumns.IsComputed(c)
                || c.GetProperty<ColumnGeneratedAlwaysType>(Column.GeneratedAlwaysType) != ColumnGeneratedAlwaysType.None)
            .Select(ModelColumns.Name).ToList();

        // Assert
        Assert.Empty(constraints);
        Assert.Empty(generated);
    }

    [Theory]
    [MemberData(nameof(TemporalTables))]
    public void HistoryTable_IsClusteredOnItsPeriodColumns_WhenBuilt(string table, string historyTable)
    {
        // Arrange
        _ = table;
        var history = ModelTables.Get(historyTable);

        // Act
        var clustered = history.GetReferencing(Index.IndexedObject).Where(i => i.GetProperty<bool>(Index.Clustered))
            .Select(i => i.GetReferenced(Index.Columns).Select(ModelColumns.Name).ToList()).Single();

        // Assert: the period end column, then the start, in the key (after the tenant and entity where there are some).
        Assert.True(clustered.IndexOf("ValidTo") >= 0 && clustered.IndexOf("ValidTo") + 1 == clustered.IndexOf("UpdatedAt"), string.Join(", ", clustered));
    }

    [Fact]
    public void HistorySchema_HoldsOnlyHistoryTables_WhenBuilt()
    {
        // Arrange
        var historyTables = ModelTables.HistoryTableNames(BuiltModel.Model);

        // Act
        var strays = BuiltModel.Tables.Where(t => t.Name.Parts[0] == "History" && !historyTables.Contains(t.Name.ToString()))
            .Select(t => t.Name.ToString()).ToList();

        // Assert
        Assert.Empty(strays);
    }

    [Fact]
    public void CatalogueTables_AreNotSystemVersioned_WhenBuilt()
    {
        // Act
        var versioned = _catalogueTables
            .Where(t => ModelTables.Get(t).GetReferenced(Table.TemporalSystemVersioningHistoryTable).Any()).ToList();

        // Assert
        Assert.Empty(versioned);
    }

    private static string Mirror(TSqlObject column)
    {
        var name = ModelColumns.Name(column);
        var type = ModelColumns.IsComputed(column) ? CastType(column) : ModelColumns.TypeOf(column);
        return $"{name} {type} {ModelColumns.IsNullable(column)}";
    }

    /// <summary>The model does not type a computed column: read the type from its outer CAST, which history must match.</summary>
    private static string CastType(TSqlObject column)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(column.GetProperty(Column.Expression)?.ToString() ?? "");
        var expression = parser.ParseExpression(reader, out _);
        while (expression is ParenthesisExpression parenthesis)
        {
            expression = parenthesis.Expression;
        }

        return expression is CastCall { DataType: SqlDataTypeReference type }
            ? $"{type.Name.BaseIdentifier.Value.ToLowerInvariant()}({string.Join(",", type.Parameters.Select(p => p.Value))})"
            : "untyped computed column (write it as CAST(... AS <type>))";
    }
}
