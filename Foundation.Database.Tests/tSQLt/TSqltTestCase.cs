namespace Foundation.Database.Tests.TSqlt;

/// <summary>One tSQLt test: a procedure whose name begins with "test" in a schema marked as a test class.</summary>
public sealed record TSqltTestCase(string ClassName, string TestName, string SourceFile)
{
    /// <summary>The name tSQLt.Run takes, brackets doubled where needed: <c>[UsersTests].[test ...]</c>.</summary>
    public string QuotedName => $"{Quote(ClassName)}.{Quote(TestName)}";

    /// <summary>How the test is named in xunit results: <c>UsersTests.test a user ...</c>.</summary>
    public string DisplayName => $"{ClassName}.{TestName}";

    public override string ToString() => DisplayName;

    private static string Quote(string name) => "[" + name.Replace("]", "]]", StringComparison.Ordinal) + "]";
}
