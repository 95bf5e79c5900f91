namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// Each rule of <see cref="TSqltModelValidator"/> fails on a test written to break it (<see cref="BrokenSuiteFixture"/>),
/// and lets the correct twin of that test through.
/// </summary>
public sealed class TSqltRuleTests(BrokenSuiteFixture suite) : IClassFixture<BrokenSuiteFixture>
{
    private const string Orders = "OrdersTests";

    [Fact]
    public void Validate_RejectsTheOldClassForm_WithTheNewTestClassLineToWrite()
    {
        var problems = suite.ProblemsAt("LegacyTests/LegacyTests.sql");

        Assert.Equal(2, problems.Count); // the CREATE SCHEMA and the extended property
        Assert.All(problems, problem =>
            Assert.Contains("EXEC [tSQLt].[NewTestClass] @ClassName = N'LegacyTests';", problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ReportsNewTestClass_WhenItShareItsBatch()
    {
        Assert.Contains(suite.ProblemsAt("CrowdedTests/CrowdedTests.sql"), problem => problem.Contains("alone in its batch", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ReportsAProcedure_CreatedBeforeItsClass()
    {
        Assert.Contains(suite.ProblemsAt("LateTests/LateTests.sql"), problem => problem.Contains("before tSQLt.NewTestClass creates [LateTests]", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("test calls a procedure tSQLt does not have", "has no public procedure tSQLt.AssertEqual (did you mean AssertEquals?)")]
    [InlineData("test misspells a parameter", "has no parameter @ExpectedErrorNumbr (did you mean @ExpectedErrorNumber?)")]
    [InlineData("test leaves out a required parameter", "the required parameter @Actual is missing")]
    [InlineData("test passes too many arguments", "takes 2 parameter(s), 3 were passed")]
    [InlineData("test passes a parameter twice", "@Expected is passed twice")]
    [InlineData("test calls a private procedure", "is internal to tSQLt")]
    [InlineData("test uses the deprecated SchemaName", "@SchemaName is deprecated")]
    public void Validate_ReportsAFrameworkCall_ThatDoesNotMatchTSqltsApi(string test, string expected)
    {
        var problems = suite.ProblemsOf(Orders, test);

        Assert.Contains(problems, problem => problem.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Orders, "test expects an exception twice", "a second tSQLt.ExpectException")]
    [InlineData("SetUpExpectsTests", "test expects an exception that SetUp already expects", "a second tSQLt.ExpectException (the first is at")]
    [InlineData(Orders, "test expects no exception after an exception", "tSQLt.ExpectNoException after tSQLt.ExpectException")]
    [InlineData(Orders, "test expects a unique constraint number for a check", "expects error 2627, but [CK_Shop_Orders_Quantity_Is_Positive] is a CHECK constraint, which raises 547")]
    [InlineData(Orders, "test expects a constraint number for a unique index", "[IX_Shop_Orders_CustomerId] is a unique index, which raises 2601")]
    [InlineData(Orders, "test expects a check number for a block predicate", "block predicate, which raises 33504")]
    [InlineData(Orders, "test expects a check number for a NULL", "a NULL in a NOT NULL column, which raises 515")]
    [InlineData(Orders, "test expects the number of the one applied constraint wrongly", "the test applies only [PK_Shop_Orders], a PRIMARY KEY constraint, which raises 2627")]
    [InlineData(Orders, "test expects a constraint it did not apply to the fake", "fakes [Shop].[Orders] without applying it, so it can never fire")]
    public void Validate_ReportsAnExpectation_ThatTSqltRefusesOrTheRuleCannotMeet(string className, string test, string expected)
    {
        var problems = suite.ProblemsOf(className, test);

        Assert.Contains(problems, problem => problem.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ReportsFakeTableOfAPolicyTarget_WhenTheClassDoesNotDropThePolicies()
    {
        var problem = Assert.Single(suite.ProblemsOf("UnguardedInvoicesTests", "test fakes a policy target without dropping the policies"));

        Assert.Contains("[Shop].[InvoicesAccess]", problem, StringComparison.Ordinal);
        Assert.Contains("15336", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Orders, "test applies a constraint to a table it did not fake", "call tSQLt.FakeTable for [Shop].[Orders] first")]
    [InlineData(Orders, "test applies a constraint on a computed column without ComputedColumns", "fake [Shop].[Customers] with @ComputedColumns = 1")]
    public void Validate_ReportsApplyConstraint_ThatCannotWorkOnTheFake(string className, string test, string expected)
    {
        Assert.Contains(suite.ProblemsOf(className, test), problem => problem.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("test breaks a second applied constraint with the one under test", "besides the rule under test it violates the CHECK constraint [CK_Shop_Orders_Quantity_Is_Positive]")]
    [InlineData("test leaves out a NOT NULL column of a real table", "puts NULL in the NOT NULL column [CustomerId] of [Shop].[Orders] (error 515)")]
    [InlineData("test repeats a key while testing a check", "violates the PRIMARY KEY constraint [PK_Shop_Orders] (error 2627)")]
    [InlineData("test references a row its faked table does not have", "violates the FOREIGN KEY constraint [FK_Shop_Orders_CustomerId_Shop_Customers] (error 547), but the test expects no error here")]
    [InlineData("test arranges a row that breaks a rule of the real table", "violates the CHECK constraint [CK_Shop_Customers_Status_Is_Known] (error 547), but the test expects no error here")]
    [InlineData("test trips a filtered unique index before the check", "violates the unique index [IX_Shop_Orders_CustomerId] (error 2601), not what the test expects")]
    public void Validate_ReportsData_ThatTripsAnotherRuleThanTheOneUnderTest(string test, string expected)
    {
        Assert.Contains(suite.ProblemsOf(Orders, test), problem => problem.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Orders, "test correct expects an exception after no exception")]
    [InlineData("InvoicesTests", "test correct fakes a policy target after SetUp dropped the policies")]
    [InlineData(Orders, "test correct applies a constraint on a computed column with ComputedColumns")]
    [InlineData(Orders, "test correct breaks only the check under test")]
    [InlineData(Orders, "test correct references a row its faked table has")]
    [InlineData(Orders, "test correct duplicates the key under test on the real table")]
    public void Validate_AcceptsTheCorrectTwin_OfEachBrokenTest(string className, string test)
    {
        var problems = suite.ProblemsOf(className, test);

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Validate_ReportsNothingElse_ThanTheBrokenTestsAndClassFiles()
    {
        // A rule that fires where nothing is wrong shows up here: every problem belongs to a test or class file made to break one.
        var unexpected = suite.Problems.Where(problem => !problem.Contains("/tests/", StringComparison.Ordinal)).ToList();

        Assert.True(unexpected.Count == 0, string.Join('\n', unexpected));
        Assert.DoesNotContain(suite.Problems, problem => problem.Contains("/TestSupport/", StringComparison.Ordinal) || problem.Contains("/InvoicesTests/InvoicesTests.sql", StringComparison.Ordinal));
    }
}
