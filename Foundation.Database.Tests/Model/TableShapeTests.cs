using Foundation.Database.Tests.Infrastructure;
using Microsoft.SqlServer.Dac.Model;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Model;

public sealed class TableShapeTests
{
    public static TheoryData<string> CoreTables => [.. ExpectedSchema.Tables.Keys];

    [Theory]
    [MemberData(nameof(CoreTables))]
    public void Table_HasTheContractColumnsInOrder_WhenBuilt(string table)
    {
        // Arrange
        var expected = ExpectedSchema.Tables[table].Select(c => c.ToString()).ToList();

        // Act
        var actual = ModelColumns.Of(ModelTables.Get(table)).Select(Describe).ToList();

        // Assert
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void NormalizedEmail_IsUpperOfTrimmedEmail_WhenComputed()
    {
        // Arrange
        var column = ModelColumns.Of(ModelTables.Get("[Identity].[Users]")).Single(c => ModelColumns.Name(c) == "NormalizedEmail");
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);

        // Act
        using var reader = new StringReader(column.GetProperty(Column.Expression)?.ToString() ?? "");
        var expression = parser.ParseExpression(reader, out var errors);
        var functions = FragmentCollector.Collect<FunctionCall>(expression).Select(f => f.FunctionName.Value.ToUpperInvariant()).ToList();
        var columns = FragmentCollector.Collect<ColumnReferenceExpression>(expression).Select(c => c.MultiPartIdentifier.Identifiers[^1].Value).ToList();

        // Assert
        Assert.Empty(errors);
        Assert.Equal(["UPPER", "TRIM"], functions);
        Assert.Equal(["Email"], columns);
        Assert.True(column.GetProperty<bool>(Column.Persisted));
    }

    private static string Describe(TSqlObject column)
    {
        var kind = ModelColumns.IsComputed(column) && column.GetProperty<bool>(Column.Persisted) ? ColumnKind.ComputedPersisted
            : column.GetProperty<bool>(Column.IsIdentity) ? ColumnKind.Identity
            : column.GetProperty<ColumnGeneratedAlwaysType>(Column.GeneratedAlwaysType) == ColumnGeneratedAlwaysType.GeneratedAlwaysAsRowStart ? ColumnKind.PeriodStart
            : column.GetProperty<ColumnGeneratedAlwaysType>(Column.GeneratedAlwaysType) == ColumnGeneratedAlwaysType.GeneratedAlwaysAsRowEnd
                && column.GetProperty<bool>(Column.IsHidden) ? ColumnKind.PeriodEndHidden
            : ColumnKind.Plain;
        return new ExpectedColumn(ModelColumns.Name(column), ModelColumns.TypeOf(column), ModelColumns.IsNullable(column), kind).ToString();
    }
}
