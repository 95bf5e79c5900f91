namespace Foundation.Database.Tests.TSqlt;

public sealed class SqlBatchSplitterTests
{
    [Fact]
    public void Split_SeparatesBatches_AtLinesThatHoldOnlyGo()
    {
        const string Script = "CREATE SCHEMA [A];\nGO\n  go  \nCREATE TABLE [A].[T] ([Id] INT);\nGo -- end of table\nSELECT 1;";

        var batches = SqlBatchSplitter.Split(Script);

        Assert.Equal(["CREATE SCHEMA [A];", "CREATE TABLE [A].[T] ([Id] INT);", "SELECT 1;"], batches);
    }

    [Fact]
    public void Split_KeepsGoAsText_WhenItIsInsideABlockCommentAStringOrABracketedName()
    {
        const string Script = "/* a comment\nGO\n /* nested\nGO\n */ still comment\nGO\n*/\nSELECT N'it''s\nGO\n' AS [odd\nGO\n]];name];\nGO\nSELECT 2;";

        var batches = SqlBatchSplitter.Split(Script);

        Assert.Equal(2, batches.Count);
        Assert.StartsWith("/* a comment\nGO\n", batches[0], StringComparison.Ordinal);
        Assert.EndsWith("]];name];", batches[0], StringComparison.Ordinal);
        Assert.Equal("SELECT 2;", batches[1]);
    }

    [Fact]
    public void Split_TreatsGoAsCode_WhenTheLineHasMoreThanGo()
    {
        const string Script = "SELECT 1 AS GOAL;\nGOTO Done;\n-- GO\nGO";

        var batches = SqlBatchSplitter.Split(Script);

        Assert.Equal(["SELECT 1 AS GOAL;\nGOTO Done;\n-- GO"], batches);
    }

    [Fact]
    public void Split_RepeatsTheBatch_WhenGoHasACount()
    {
        var batches = SqlBatchSplitter.Split("INSERT INTO #T VALUES (1);\nGO 3\n");

        Assert.Equal(3, batches.Count);
        Assert.All(batches, batch => Assert.Equal("INSERT INTO #T VALUES (1);", batch));
    }

    [Fact]
    public void Split_IgnoresALineCommentQuote_WhenLookingForTheEndOfAString()
    {
        const string Script = "SELECT 1; -- don't\nGO\nSELECT 2;";

        var batches = SqlBatchSplitter.Split(Script);

        Assert.Equal(["SELECT 1; -- don't", "SELECT 2;"], batches);
    }

    [Fact]
    public void Split_SkipsEmptyBatches_WhenSeparatorsFollowEachOther()
    {
        var batches = SqlBatchSplitter.Split("GO\n\nGO\r\nSELECT 1;\r\nGO\r\n\r\n");

        Assert.Equal(["SELECT 1;"], batches);
    }
}
