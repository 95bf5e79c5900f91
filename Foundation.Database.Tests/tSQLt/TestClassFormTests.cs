namespace Foundation.Database.Tests.TSqlt;

public sealed class TestClassFormTests : IDisposable
{
    private readonly ScratchFolder _folder = new();

    [Fact]
    public void ModelText_ReadsNewTestClassAsTheSchemaItCreates_KeepingEveryOtherLineWhereItWas()
    {
        var path = _folder.Write("OrdersTests/OrdersTests.sql", """
            /* header */
            EXEC [tSQLt].[NewTestClass]
                @ClassName = N'OrdersTests';
            GO
            EXEC [tSQLt].[SetVerbose] @Verbose = 1;
            GO
            CREATE PROCEDURE [OrdersTests].[test x] AS BEGIN EXEC [tSQLt].[Fail]; END;
            GO
            """);
        var file = TSqltScriptFile.Parse(path);

        var lines = TestClassForm.ModelText(file).Split('\n');

        Assert.Equal(file.Text.Split('\n').Length, lines.Length);
        Assert.Equal("CREATE SCHEMA [OrdersTests]", lines[1]);
        Assert.Equal(string.Empty, lines[4].Trim(' ', ';'));
        Assert.Equal("CREATE PROCEDURE [OrdersTests].[test x] AS BEGIN EXEC [tSQLt].[Fail]; END;", lines[6]);
        Assert.Equal([("OrdersTests", 2)], TestClassForm.Declarations(file));
    }

    public void Dispose() => _folder.Dispose();
}
