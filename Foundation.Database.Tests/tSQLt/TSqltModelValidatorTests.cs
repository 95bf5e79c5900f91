namespace Foundation.Database.Tests.TSqlt;

/// <summary>The validator on a small schema of its own (<see cref="BrokenSuiteFixture.Schema"/>): what it must reject, and what it must let through.</summary>
public sealed class TSqltModelValidatorTests : IDisposable
{
    private const string TestClass = """
        EXEC [tSQLt].[NewTestClass] @ClassName = N'OrdersTests';
        GO
        """;

    private readonly ScratchFolder _folder = new();
    private readonly string _schemaFile;
    private readonly string _classFile;

    public TSqltModelValidatorTests()
    {
        _schemaFile = _folder.Write("schema/Shop.sql", BrokenSuiteFixture.Schema);
        _classFile = _folder.Write("tests/OrdersTests/OrdersTests.sql", TestClass);
    }

    [Fact]
    public void Validate_AcceptsFrameworkCallsAndTempTables_WhenEveryNameExists()
    {
        var test = WriteTest("test a quantity must be positive", """
            -- Arrange
            EXEC tSQLt.FakeTable @TableName = N'Shop.Orders';
            EXEC tSQLt.ApplyConstraint N'[Shop].[Orders]', N'CK_Shop_Orders_Quantity_Is_Positive';
            EXEC tSQLt.ApplyConstraint @TableName = N'Shop.Orders', @ConstraintName = N'FK_Shop_Orders_CustomerId_Shop_Customers';
            CREATE TABLE #Expected ([OrderId] INT NOT NULL, [Quantity] INT NOT NULL);
            INSERT INTO #Expected ([OrderId], [Quantity]) VALUES (1, 2);
            -- Act
            INSERT INTO [Shop].[Orders] ([OrderId], [CustomerId], [Quantity]) VALUES (1, 7, 2);
            SELECT [OrderId], [Quantity] INTO #Actual FROM [Shop].[Orders];
            -- Assert
            EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Actual';
            """);

        var problems = Validate(test);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Validate_ReportsTheColumn_WhenATestReadsAColumnThatDoesNotExist()
    {
        var test = WriteTest("test reads a column that is gone", """
            SELECT [OrderId], [Discount] INTO #Actual FROM [Shop].[Orders];
            EXEC tSQLt.AssertEmptyTable N'#Actual';
            """);

        var problems = Validate(test);

        Assert.Contains(problems, problem => problem.Contains("[Discount]", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ReportsTheTable_WhenATestFakesATableThatDoesNotExist()
    {
        var test = WriteTest("test fakes a renamed table", """
            EXEC tSQLt.FakeTable @TableName = N'Shop.Order';
            """);

        var problems = Validate(test);

        var problem = Assert.Single(problems);
        Assert.Contains("[Shop].[Order]", problem, StringComparison.Ordinal);
        Assert.Contains("FakeTable", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsTheConstraint_WhenATestAppliesAConstraintTheTableDoesNotHave()
    {
        var test = WriteTest("test applies a renamed constraint", """
            EXEC tSQLt.FakeTable @TableName = N'Shop.Orders';
            EXEC tSQLt.ApplyConstraint @TableName = N'Shop.Orders', @ConstraintName = N'CK_Shop_Orders_Quantity_Is_Below_Ten';
            """);

        var problems = Validate(test);

        Assert.Contains(problems, problem => problem.Contains("CK_Shop_Orders_Quantity_Is_Below_Ten", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ReportsTheIndex_WhenATestAppliesAFilteredUniqueIndexAsAConstraint()
    {
        var test = WriteTest("test applies an index", """
            EXEC tSQLt.FakeTable @TableName = N'Shop.Orders';
            EXEC tSQLt.ApplyConstraint @TableName = N'Shop.Orders', @ConstraintName = N'IX_Shop_Orders_CustomerId';
            """);

        var problems = Validate(test);

        Assert.Contains(problems, problem => problem.Contains("IX_Shop_Orders_CustomerId", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ReportsTheProcedure_WhenATestSpiesOnAProcedureThatDoesNotExist()
    {
        var test = WriteTest("test spies on a missing procedure", """
            EXEC tSQLt.SpyProcedure @ProcedureName = N'Shop.usp_PlaceOrder';
            """);

        var problems = Validate(test);

        Assert.Contains(problems, problem => problem.Contains("[Shop].[usp_PlaceOrder]", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ReportsTheLine_WhenATestFileDoesNotParse()
    {
        var test = WriteTest("test has a syntax error", """
            SELECT FROM WHERE;
            """);

        var problems = Validate(test);

        Assert.Contains(problems, problem => problem.Contains(test, StringComparison.Ordinal) && problem.Contains("SQL46010", StringComparison.Ordinal));
    }

    [Fact]
    public void IsFrameworkReference_IsFalse_WhenAReferenceOutsideTSqltAndSysIsUnresolved()
    {
        const string Message = "Procedure: [OrdersTests].[test x] has an unresolved reference to object [Shop].[Order].";

        Assert.False(TSqltModelValidator.IsFrameworkReference(Message));
        Assert.True(TSqltModelValidator.IsFrameworkReference(Message.Replace("[Shop].[Order]", "[tSQLt].[FakeTable]", StringComparison.Ordinal)));
        Assert.True(TSqltModelValidator.IsFrameworkReference(Message.Replace("[Shop].[Order]", "[sys].[tables].[Current]::[name]", StringComparison.Ordinal)));
        Assert.False(TSqltModelValidator.IsFrameworkReference(
            "Procedure: [OrdersTests].[test x] contains an unresolved reference to an object. Either the object does not exist or the reference is ambiguous because it could refer to any of the following objects: [sys].[tables].[name] or [Shop].[Orders].[name]."));
    }

    public void Dispose() => _folder.Dispose();

    private string WriteTest(string name, string body) =>
        _folder.Write($"tests/OrdersTests/{name}.sql", $"""
            CREATE PROCEDURE [OrdersTests].[{name}]
            AS
            BEGIN
            {body}
            END;
            GO
            """);

    private IReadOnlyList<string> Validate(string testFile) =>
        TSqltModelValidator.Validate([_schemaFile], [_classFile, testFile]);
}
