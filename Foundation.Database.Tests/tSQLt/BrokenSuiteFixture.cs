namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// A small schema and a suite of tSQLt tests written to break one rule each (and, beside some, a correct twin),
/// validated once with <see cref="TSqltModelValidator"/> for all of <see cref="TSqltRuleTests"/>: one model build instead
/// of one per rule. Each test lives in a file of its own, named after it, as in the real suite.
/// </summary>
public sealed class BrokenSuiteFixture : IDisposable
{
    /// <summary>
    /// Customers (a computed NormalizedEmail under a UNIQUE constraint, a default), Orders (NOT NULL columns without
    /// defaults, a FOREIGN KEY, a CHECK, a filtered unique index) and Invoices (the target of a schema-bound policy).
    /// </summary>
    public const string Schema = """
        CREATE SCHEMA [Shop];
        GO
        CREATE TABLE [Shop].[Customers]
        (
            [CustomerId] INT NOT NULL,
            [Email] NVARCHAR(100) NOT NULL,
            [NormalizedEmail] AS CAST(UPPER([Email]) AS NVARCHAR(100)) PERSISTED,
            [Status] VARCHAR(10) NOT NULL CONSTRAINT [DF_Shop_Customers_Status] DEFAULT ('Active'),
            CONSTRAINT [PK_Shop_Customers] PRIMARY KEY ([CustomerId]),
            CONSTRAINT [UQ_Shop_Customers_NormalizedEmail] UNIQUE ([NormalizedEmail]),
            CONSTRAINT [CK_Shop_Customers_Status_Is_Known] CHECK ([Status] IN ('Active', 'Closed'))
        );
        GO
        CREATE TABLE [Shop].[Orders]
        (
            [OrderId] INT NOT NULL,
            [CustomerId] INT NOT NULL,
            [Quantity] INT NOT NULL,
            CONSTRAINT [PK_Shop_Orders] PRIMARY KEY ([OrderId]),
            CONSTRAINT [FK_Shop_Orders_CustomerId_Shop_Customers] FOREIGN KEY ([CustomerId]) REFERENCES [Shop].[Customers] ([CustomerId]),
            CONSTRAINT [CK_Shop_Orders_Quantity_Is_Positive] CHECK ([Quantity] > 0)
        );
        GO
        CREATE UNIQUE INDEX [IX_Shop_Orders_CustomerId] ON [Shop].[Orders] ([CustomerId]) WHERE [Quantity] > 100;
        GO
        CREATE TABLE [Shop].[Invoices]
        (
            [InvoiceId] INT NOT NULL,
            [CustomerId] INT NOT NULL,
            CONSTRAINT [PK_Shop_Invoices] PRIMARY KEY ([InvoiceId])
        );
        GO
        CREATE FUNCTION [Shop].[fn_InvoiceAccess](@CustomerId INT)
        RETURNS TABLE
        WITH SCHEMABINDING
        AS
        RETURN SELECT 1 AS [AccessResult] WHERE @CustomerId > 0;
        GO
        CREATE SECURITY POLICY [Shop].[InvoicesAccess]
            ADD FILTER PREDICATE [Shop].[fn_InvoiceAccess]([CustomerId]) ON [Shop].[Invoices]
        WITH (STATE = ON, SCHEMABINDING = ON);
        """;

    private const string Support = """
        CREATE SCHEMA [TestSupport];
        GO
        CREATE PROCEDURE [TestSupport].[usp_DropSecurityPolicies]
        AS
        BEGIN
            EXEC [sys].[sp_executesql] N'DROP SECURITY POLICY [Shop].[InvoicesAccess];';
        END;
        GO
        """;

    private readonly ScratchFolder _folder = new();
    private readonly Lazy<IReadOnlyList<string>> _problems;
    private readonly List<string> _schemaFiles = [];
    private readonly List<string> _testFiles = [];

    public BrokenSuiteFixture()
    {
        _schemaFiles.Add(_folder.Write("schema/Shop.sql", Schema));
        _testFiles.Add(_folder.Write("tests/TestSupport/TestSupport.sql", Support));
        foreach (var (className, setUp) in Classes)
        {
            _testFiles.Add(_folder.Write($"tests/{className}/{className}.sql", $"EXEC [tSQLt].[NewTestClass] @ClassName = N'{className}';\nGO\n"
                + (setUp is null ? string.Empty : Procedure(className, "SetUp", setUp))));
        }

        foreach (var (className, testName, body) in Tests)
        {
            _testFiles.Add(_folder.Write(FileOf(className, testName), Procedure(className, testName, body)));
        }

        foreach (var (relativePath, text) in ClassFiles)
        {
            _testFiles.Add(_folder.Write(relativePath, text));
        }

        _problems = new Lazy<IReadOnlyList<string>>(() => TSqltModelValidator.Validate(_schemaFiles, _testFiles));
    }

    public IReadOnlyList<string> Problems => _problems.Value;

    /// <summary>The problems reported at the file of that test (one file per test).</summary>
    public IReadOnlyList<string> ProblemsOf(string className, string testName) => ProblemsAt(FileOf(className, testName));

    /// <summary>The problems reported at the file below the scratch folder's tests/ (e.g. "LegacyTests/LegacyTests.sql").</summary>
    public IReadOnlyList<string> ProblemsAt(string relativePath)
    {
        var path = Path.Combine(_folder.Path, relativePath.StartsWith("tests/", StringComparison.Ordinal) ? relativePath : $"tests/{relativePath}");
        return [.. Problems.Where(problem => problem.StartsWith(path + "(", StringComparison.Ordinal))];
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>The classes made with tSQLt.NewTestClass, and the body of their SetUp (null: none).</summary>
    private static readonly (string ClassName, string? SetUp)[] Classes =
    [
        ("OrdersTests", null),
        ("InvoicesTests", "EXEC [TestSupport].[usp_DropSecurityPolicies];"),
        ("UnguardedInvoicesTests", null),
        ("SetUpExpectsTests", "EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547;"),
    ];

    /// <summary>Class files in other forms than the one the suite uses.</summary>
    private static readonly (string RelativePath, string Text)[] ClassFiles =
    [
        ("tests/LegacyTests/LegacyTests.sql", """
            CREATE SCHEMA [LegacyTests] AUTHORIZATION [dbo];
            GO
            EXECUTE [sys].[sp_addextendedproperty]
                @name = N'tSQLt.TestClass', @value = 1, @level0type = N'SCHEMA', @level0name = N'LegacyTests';
            GO
            CREATE PROCEDURE [LegacyTests].[test something]
            AS
            BEGIN
                EXEC [tSQLt].[AssertEquals] @Expected = 1, @Actual = 1;
            END;
            GO
            """),
        ("tests/CrowdedTests/CrowdedTests.sql", """
            EXEC [tSQLt].[NewTestClass] @ClassName = N'CrowdedTests';
            EXEC [tSQLt].[SetVerbose] @Verbose = 1;
            GO
            """),
        ("tests/LateTests/LateTests.sql", """
            CREATE PROCEDURE [LateTests].[test created too early]
            AS
            BEGIN
                EXEC [tSQLt].[AssertEquals] @Expected = 1, @Actual = 1;
            END;
            GO
            EXEC [tSQLt].[NewTestClass] @ClassName = N'LateTests';
            GO
            """),
    ];

    /// <summary>Every test of the scratch suite: class, name, body. Names say what is wrong, or "correct".</summary>
    private static readonly (string ClassName, string TestName, string Body)[] Tests =
    [
        // tSQLt's API (FrameworkCallChecker)
        ("OrdersTests", "test calls a procedure tSQLt does not have", "EXEC [tSQLt].[AssertEqual] @Expected = 1, @Actual = 1;"),
        ("OrdersTests", "test misspells a parameter", "EXEC [tSQLt].[ExpectException] @ExpectedErrorNumbr = 547;\nINSERT INTO [Shop].[Orders] ([OrderId], [CustomerId], [Quantity]) VALUES (1, 1, 0);"),
        ("OrdersTests", "test leaves out a required parameter", "EXEC [tSQLt].[AssertEquals] @Expected = 1;"),
        ("OrdersTests", "test passes too many arguments", "EXEC [tSQLt].[AssertEmptyTable] N'#Actual', N'message', N'extra';"),
        ("OrdersTests", "test passes a parameter twice", "EXEC [tSQLt].[AssertEquals] 1, 2, @Expected = 1;"),
        ("OrdersTests", "test calls a private procedure", "EXEC [tSQLt].[Private_ResetNewTestClassList];"),
        ("OrdersTests", "test uses the deprecated SchemaName", "EXEC [tSQLt].[FakeTable] @TableName = N'Orders', @SchemaName = N'Shop';"),

        // Expectations (ExpectationRules)
        ("OrdersTests", "test expects an exception twice", """
            EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547;
            EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547;
            """),
        ("SetUpExpectsTests", "test expects an exception that SetUp already expects", "EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547;"),
        ("OrdersTests", "test expects no exception after an exception", """
            EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547;
            EXEC [tSQLt].[ExpectNoException];
            """),
        ("OrdersTests", "test correct expects an exception after no exception", """
            EXEC [tSQLt].[ExpectNoException];
            EXEC [tSQLt].[ExpectException] @ExpectedMessagePattern = N'%GENERATED ALWAYS%';
            """),
        ("OrdersTests", "test expects a unique constraint number for a check", """
            EXEC [tSQLt].[FakeTable] @TableName = N'Shop.Orders';
            EXEC [tSQLt].[ApplyConstraint] @TableName = N'Shop.Orders', @ConstraintName = N'CK_Shop_Orders_Quantity_Is_Positive';
            EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 2627, @ExpectedMessagePattern = N'%CK_Shop_Orders_Quantity_Is_Positive%';
            INSERT INTO [Shop].[Orders] ([Quantity]) VALUES (0);
            """),
        ("OrdersTests", "test expects a constraint number for a unique index", """
            EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 2627, @ExpectedMessagePattern = N'%IX_Shop_Orders_CustomerId%';
            """),
        ("OrdersTests", "test expects a check number for a block predicate", """
            EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%block predicate%';
            """),
        ("OrdersTests", "test expects a check number for a NULL", """
            EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%Cannot insert the value NULL%';
            """),
        ("OrdersTests", "test expects the number of the one applied constraint wrongly", """
            EXEC [tSQLt].[FakeTable] @TableName = N'Shop.Orders';
            EXEC [tSQLt].[ApplyConstraint] @TableName = N'Shop.Orders', @ConstraintName = N'PK_Shop_Orders';
            EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547;
            """),
        ("OrdersTests", "test expects a constraint it did not apply to the fake", """
            EXEC [tSQLt].[FakeTable] @TableName = N'Shop.Orders';
            EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Shop_Orders_Quantity_Is_Positive%';
            INSERT INTO [Shop].[Orders] ([Quantity]) VALUES (0);
            """),

        // FakeTable and ApplyConstraint (FakeTableRules)
        ("UnguardedInvoicesTests", "test fakes a policy target without dropping the policies", "EXEC [tSQLt].[FakeTable] @TableName = N'Shop.Invoices';"),
        ("InvoicesTests", "test correct fakes a policy target after SetUp dropped the policies", "EXEC [tSQLt].[FakeTable] @TableName = N'Shop.Invoices';"),
        ("OrdersTests", "test applies a constraint to a table it did not fake", """
            EXEC [tSQLt].[ApplyConstraint] @TableName = N'Shop.Orders', @ConstraintName = N'CK_Shop_Orders_Quantity_Is_Positive';
            """),
        ("OrdersTests", "test applies a constraint on a computed column without ComputedColumns", """
            EXEC [tSQLt].[FakeTable] @TableName = N'Shop.Customers';
            EXEC [tSQLt].[ApplyConstraint] @TableName = N'Shop.Customers', @ConstraintName = N'UQ_Shop_Customers_NormalizedEmail';
            INSERT INTO [Shop].[Customers] ([CustomerId], [Email]) VALUES (1, N'ann@example.com');
            EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 2627, @ExpectedMessagePattern = N'%UQ_Shop_Customers_NormalizedEmail%';
            INSERT INTO [Shop].[Customers] ([CustomerId], [Email]) VALUES (2, N'Ann@Example.com');
            """),
        ("OrdersTests", "test correct applies a constraint on a computed column with ComputedColumns", """
            EXEC [tSQLt].[FakeTable] @TableName = N'Shop.Customers', @ComputedColumns = 1;
            EXEC [tSQLt].[ApplyConstraint] @TableName = N'Shop.Customers', @ConstraintName = N'UQ_Shop_Customers_NormalizedEmail';
            INSERT INTO [Shop].[Customers] ([CustomerId], [Email]) VALUES (1, N'ann@example.com');
            EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 2627, @ExpectedMessagePattern = N'%UQ_Shop_Customers_NormalizedEmail%';
            INSERT INTO [Shop].[Customers] ([CustomerId], [Email]) VALUES (2, N'Ann@Example.com');
            """),

        // Data that trips another rule first (TestDataRules)
        ("OrdersTests", "test correct breaks only the check under test", """
            EXEC [tSQLt].[FakeTable] @TableName = N'Shop.Orders';
            EXEC [tSQLt].[ApplyConstraint] @TableName = N'Shop.Orders', @ConstraintName = N'CK_Shop_Orders_Quantity_Is_Positive';
            EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Shop_Orders_Quantity_Is_Positive%';
            INSERT INTO [Shop].[Orders] ([Quantity]) VALUES (0);
            """),
        ("OrdersTests", "test breaks a second applied constraint with the one under test", """
            EXEC [tSQLt].[FakeTable] @TableName = N'Shop.Orders';
            EXEC [tSQLt].[FakeTable] @TableName = N'Shop.Customers';
            EXEC [tSQLt].[ApplyConstraint] @TableName = N'Shop.Orders', @ConstraintName = N'CK_Shop_Orders_Quantity_Is_Positive';
            EXEC [tSQLt].[ApplyConstraint] @TableName = N'Shop.Orders', @ConstraintName = N'FK_Shop_Orders_CustomerId_Shop_Customers';
            EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%FK_Shop_Orders_CustomerId_Shop_Customers%';
            INSERT INTO [Shop].[Orders] ([CustomerId], [Quantity]) VALUES (7, 0);
            """),
        ("OrdersTests", "test leaves out a NOT NULL column of a real table", """
            EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Shop_Orders_Quantity_Is_Positive%';
            INSERT INTO [Shop].[Orders] ([OrderId], [Quantity]) VALUES (1, 0);
            """),
        ("OrdersTests", "test repeats a key while testing a check", """
            EXEC [tSQLt].[FakeTable] @TableName = N'Shop.Orders';
            EXEC [tSQLt].[ApplyConstraint] @TableName = N'Shop.Orders', @ConstraintName = N'PK_Shop_Orders';
            EXEC [tSQLt].[ApplyConstraint] @TableName = N'Shop.Orders', @ConstraintName = N'CK_Shop_Orders_Quantity_Is_Positive';
            INSERT INTO [Shop].[Orders] ([OrderId], [Quantity]) VALUES (1, 5);
            EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Shop_Orders_Quantity_Is_Positive%';
            INSERT INTO [Shop].[Orders] ([OrderId], [Quantity]) VALUES (1, 0);
            """),
        ("OrdersTests", "test references a row its faked table does not have", """
            EXEC [tSQLt].[FakeTable] @TableName = N'Shop.Customers';
            EXEC [tSQLt].[FakeTable] @TableName = N'Shop.Orders';
            EXEC [tSQLt].[ApplyConstraint] @TableName = N'Shop.Orders', @ConstraintName = N'FK_Shop_Orders_CustomerId_Shop_Customers';
            INSERT INTO [Shop].[Customers] ([CustomerId]) VALUES (1);
            EXEC [tSQLt].[ExpectNoException];
            INSERT INTO [Shop].[Orders] ([CustomerId]) VALUES (2);
            """),
        ("OrdersTests", "test correct references a row its faked table has", """
            EXEC [tSQLt].[FakeTable] @TableName = N'Shop.Customers';
            EXEC [tSQLt].[FakeTable] @TableName = N'Shop.Orders';
            EXEC [tSQLt].[ApplyConstraint] @TableName = N'Shop.Orders', @ConstraintName = N'FK_Shop_Orders_CustomerId_Shop_Customers';
            INSERT INTO [Shop].[Customers] ([CustomerId]) VALUES (1), (2);
            EXEC [tSQLt].[ExpectNoException];
            INSERT INTO [Shop].[Orders] ([CustomerId]) VALUES (2);
            """),
        ("OrdersTests", "test arranges a row that breaks a rule of the real table", """
            INSERT INTO [Shop].[Customers] ([CustomerId], [Email], [Status]) VALUES (1, N'ann@example.com', 'Gone');
            EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 2627, @ExpectedMessagePattern = N'%PK_Shop_Customers%';
            INSERT INTO [Shop].[Customers] ([CustomerId], [Email]) VALUES (1, N'bob@example.com');
            """),
        ("OrdersTests", "test correct duplicates the key under test on the real table", """
            INSERT INTO [Shop].[Customers] ([CustomerId], [Email]) VALUES (1, N'ann@example.com');
            EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 2627, @ExpectedMessagePattern = N'%PK_Shop_Customers%';
            INSERT INTO [Shop].[Customers] ([CustomerId], [Email]) VALUES (1, N'bob@example.com');
            """),
        ("OrdersTests", "test trips a filtered unique index before the check", """
            INSERT INTO [Shop].[Orders] ([OrderId], [CustomerId], [Quantity]) VALUES (1, 5, 200);
            EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Shop_Orders_Quantity_Is_Positive%';
            INSERT INTO [Shop].[Orders] ([OrderId], [CustomerId], [Quantity]) VALUES (2, 5, 300);
            """),
    ];

    private static string FileOf(string className, string testName) => $"tests/{className}/{testName}.sql";

    private static string Procedure(string className, string name, string body) => $"""
        CREATE PROCEDURE [{className}].[{name}]
        AS
        BEGIN
        {body}
        END;
        GO

        """;
}
