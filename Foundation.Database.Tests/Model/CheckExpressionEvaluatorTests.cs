using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.Model;

/// <summary>The offline CHECK evaluator must itself be right, or the constraint tests prove nothing.</summary>
public sealed class CheckExpressionEvaluatorTests
{
    [Theory]
    [InlineData("abc", "a%", true)]
    [InlineData("abc", "_b_", true)]
    [InlineData("abc", "__", false)]
    [InlineData("abc", "%[xyc]", true)]
    [InlineData("abc", "%[^abc]%", false)]
    [InlineData("ab-c", "%[^a-z]%", true)]
    [InlineData("a-c", "a[-]c", true)]
    [InlineData("a%c", "a!%c", true)]
    [InlineData("abc", "a!%", false)]
    [InlineData("ABC", "abc", true)]
    [InlineData("ABC", "[a-c][a-c][a-c]", true)]
    public void Like_MatchesAsSqlServerDoes_UnderTheDefaultCaseInsensitiveCollation(string input, string pattern, bool expected)
    {
        // Act
        var result = Evaluate($"[X] LIKE '{pattern}' ESCAPE '!'", ("X", SqlValue.VarChar(input)));

        // Assert
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("abc", true)]
    [InlineData("ABC", false)]
    [InlineData("aBc", false)]
    public void Like_IsCaseSensitive_WhenABinaryCollationIsNamed(string input, bool expected)
    {
        // Act
        var result = Evaluate("[X] COLLATE Latin1_General_BIN2 LIKE '[a-z][a-z][a-z]'", ("X", SqlValue.VarChar(input)));

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void Like_IgnoresTrailingSpacesOfTheMatchedValue_WhenComparing()
    {
        // Act
        var result = Evaluate("[X] NOT LIKE '%[^a-z]%'", ("X", SqlValue.VarChar("abc  ")));

        // Assert
        Assert.True(result);
    }

    [Theory]
    [InlineData("[X] = 'abc'", true)]
    [InlineData("LEN([X]) = 3", true)]
    [InlineData("DATALENGTH([X]) = 5", true)]
    [InlineData("[X] COLLATE Latin1_General_BIN2 = 'ABC'", false)]
    [InlineData("[X] = 'ABC'", true)]
    public void Strings_CompareLikeSqlServer_WithTrailingSpacesAndCase(string expression, bool expected)
    {
        // Act
        var result = Evaluate(expression, ("X", SqlValue.VarChar("abc  ")));

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void DataLength_CountsTwoBytesPerCharacter_WhenTheValueIsUnicode()
    {
        // Act
        var result = Evaluate("DATALENGTH([X]) = 2 * LEN([X])", ("X", SqlValue.NVarChar("été")));

        // Assert
        Assert.True(result);
    }

    [Theory]
    [InlineData("[X] IS NULL", true)]
    [InlineData("[X] IS NOT NULL", false)]
    [InlineData("[X] LIKE 'a%'", null)]
    [InlineData("[X] = 1 OR 1 = 1", true)]
    [InlineData("[X] = 1 AND 1 = 0", false)]
    [InlineData("[X] = 1 AND 1 = 1", null)]
    [InlineData("NOT ([X] = 1)", null)]
    [InlineData("[X] IN ('a', 'b')", null)]
    [InlineData("LEN([X]) > 0", null)]
    public void Null_FollowsThreeValuedLogic_WhenAColumnIsNull(string expression, bool? expected)
    {
        // Act
        var result = Evaluate(expression, ("X", SqlValue.Null));

        // Assert
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("[N] BETWEEN 3 AND 5", true)]
    [InlineData("[N] NOT BETWEEN 3 AND 5", false)]
    [InlineData("[N] IN (1, 2, 4)", true)]
    [InlineData("[N] NOT IN (1, 2)", true)]
    [InlineData("[N] * 2 - 1 = 7", true)]
    [InlineData("[N] >= -4", true)]
    [InlineData("'a' + 'b' = 'ab'", true)]
    [InlineData("REPLICATE('ab', 2) = 'abab'", true)]
    [InlineData("UPPER('ab') COLLATE Latin1_General_BIN2 = 'AB'", true)]
    public void Operators_Evaluate_WhenUsedByConstraints(string expression, bool expected)
    {
        // Act
        var result = Evaluate(expression, ("N", new SqlValue(4L)));

        // Assert
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("EXISTS (SELECT 1)")]
    [InlineData("[X] IN (SELECT 1)")]
    [InlineData("SUBSTRING([X], 1, 1) = 'a'")]
    public void Evaluator_Throws_WhenTheExpressionIsOutsideItsSubset(string expression)
    {
        // Act / Assert
        Assert.Throws<NotSupportedException>(() => Evaluate(expression, ("X", SqlValue.VarChar("abc"))));
    }

    [Fact]
    public void Evaluator_Throws_WhenTheRowLacksAColumn()
    {
        // Act / Assert
        Assert.Throws<KeyNotFoundException>(() => Evaluate("[Missing] = 1", ("X", SqlValue.VarChar("abc"))));
    }

    private static bool? Evaluate(string expression, params (string Column, SqlValue Value)[] row) =>
        new CheckExpressionEvaluator(row.ToDictionary(c => c.Column, c => c.Value)).Evaluate(CheckExpressionEvaluator.Parse(expression));
}
