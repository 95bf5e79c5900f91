using Foundation.Deploy;
using Foundation.Deploy.Planning;

namespace Foundation.Database.Tests.Deployment;

/// <summary>The SQLCMD reading that the executor and the rehearsal share: it runs what sqlcmd would, or refuses before anything runs.</summary>
public sealed class SqlCmdBatchReaderTests
{
    [Fact]
    public void Read_SplitsOnGoLines_AndReplacesVariablesAsTheLinesAreRead()
    {
        var result = SqlCmdBatchReader.Read(":setvar Name \"One\"\nPRINT N'$(Name)';\nGO\n:setvar Name \"Two\"\nPRINT N'$(Name)';\ngo 2\nSELECT 1;");

        Assert.Equal(["PRINT N'One';", "PRINT N'Two';", "SELECT 1;"], result.Batches.Select(b => b.Text.Trim()));
        Assert.Equal([1, 2, 1], result.Batches.Select(b => b.Repeat));
        Assert.Contains(":setvar Name \"Two\"", result.Batches[1].RawText, StringComparison.Ordinal);
        Assert.True(result.ExitOnError);
    }

    [Fact]
    public void Read_LetsOverridesWinOverTheScriptsSetVar()
    {
        var result = SqlCmdBatchReader.Read(":setvar ReportHash \"\"\nPRINT N'$(ReportHash)';", new Dictionary<string, string> { ["ReportHash"] = "abc" });

        Assert.Equal("PRINT N'abc';", Assert.Single(result.Batches).Text.Trim());
    }

    [Fact]
    public void Read_TreatsGoAndColonsInsideStringsAndCommentsAsText()
    {
        var result = SqlCmdBatchReader.Read("PRINT N'one\nGO\n:setvar X';\n/* a\nGO\n*/\nSELECT 2;\nGO");

        var batch = Assert.Single(result.Batches);
        Assert.Contains(":setvar X", batch.Text, StringComparison.Ordinal);
        Assert.Contains("SELECT 2;", batch.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FollowsOnErrorIgnore()
    {
        Assert.False(SqlCmdBatchReader.Read(":on error ignore\nSELECT 1;").ExitOnError);
    }

    [Fact]
    public void Read_RefusesAnUnsetVariable_NamingItAndItsLine()
    {
        var ex = Assert.Throws<DeployToolException>(() => SqlCmdBatchReader.Read("SELECT 1;\nGO\nPRINT N'$(Missing)';"));

        Assert.Equal(ExitCode.InvalidInput, ex.ExitCode);
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Missing'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(":r other.sql")]
    [InlineData(":connect server")]
    [InlineData("!! del x")]
    public void Read_RefusesSqlCmdCommandsItDoesNotRun(string line)
    {
        var ex = Assert.Throws<DeployToolException>(() => SqlCmdBatchReader.Read("SELECT 1;\n" + line));

        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was run", ex.Message, StringComparison.Ordinal);
    }
}
