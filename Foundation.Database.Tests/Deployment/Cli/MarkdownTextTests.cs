using Foundation.Deploy.Reporting;

namespace Foundation.Database.Tests.Deployment.Cli;

/// <summary>Text from DacFx, allowance files and object names cannot change a report's Markdown structure.</summary>
public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("a | b", @"a \| b")]
    [InlineData("line one\nline two\r\nthree", "line one line two three")]
    [InlineData("*not bold* and `code`", @"\*not bold\* and \`code\`")]
    [InlineData("<script>alert(1)</script>", @"\<script>alert(1)\</script>")]
    [InlineData("# not a heading", @"\# not a heading")]
    [InlineData("> not a quote", @"\> not a quote")]
    [InlineData("- not a list", @"\- not a list")]
    [InlineData("1. not a list", @"\1. not a list")]
    [InlineData("[ ] not a task", @"\[ ] not a task")]
    [InlineData("[x]: http://example.com", @"\[x\]: http://example.com")]
    [InlineData("[click](http://example.com)", @"[click\](http://example.com)")]
    [InlineData("_emphasis_ but usp_ValidateData", @"\_emphasis\_ but usp_ValidateData")]
    [InlineData("[Identity].[Users].[Email] stays readable", "[Identity].[Users].[Email] stays readable")]
    [InlineData("~~struck~~ & &amp;", @"\~\~struck\~\~ \& \&amp;")]
    [InlineData(@"C:\path", @"C:\\path")]
    public void Inline_NeutralisesMarkup_AndKeepsNamesReadable(string text, string expected)
    {
        Assert.Equal(expected, MarkdownText.Inline(text));
    }

    [Theory]
    [InlineData("[dbo].[T]", "`[dbo].[T]`")]
    [InlineData("odd`name", "``odd`name``")]
    [InlineData("`edge", "`` `edge ``")]
    [InlineData("a|b", @"`a\|b`")]
    [InlineData("two\nlines", "`two lines`")]
    public void Code_HoldsAnyName_InATableCell(string text, string expected)
    {
        Assert.Equal(expected, MarkdownText.Code(text));
    }

    [Fact]
    public void Code_OutsideATable_DoesNotEscapeThePipe()
    {
        Assert.Equal("`a|b`", MarkdownText.Code("a|b", inTable: false));
    }
}
