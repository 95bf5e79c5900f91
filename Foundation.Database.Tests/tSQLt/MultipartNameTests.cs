namespace Foundation.Database.Tests.TSqlt;

public sealed class MultipartNameTests
{
    [Theory]
    [InlineData("Identity.Users", "Identity|Users")]
    [InlineData("[Identity].[Users]", "Identity|Users")]
    [InlineData(" [Shop].Order ", "Shop|Order")]
    [InlineData("\"Shop\".\"Order Lines\"", "Shop|Order Lines")]
    [InlineData("[a]]b].[c.d]", "a]b|c.d")]
    [InlineData("CK_Identity_Users_Email", "CK_Identity_Users_Email")]
    public void Split_ReturnsTheUnquotedParts_WhenTheNameIsWellFormed(string text, string expected)
    {
        var parts = MultipartName.Split(text);

        Assert.NotNull(parts);
        Assert.Equal(expected, string.Join('|', parts));
    }

    [Theory]
    [InlineData("[Identity")]
    [InlineData("Identity..Users")]
    [InlineData("[Identity]x.Users")]
    [InlineData("a.b.c.d.e")]
    public void Split_ReturnsNull_WhenTheNameIsMalformed(string text)
    {
        Assert.Null(MultipartName.Split(text));
    }
}
