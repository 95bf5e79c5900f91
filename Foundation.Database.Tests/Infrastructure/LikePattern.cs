namespace Foundation.Database.Tests.Infrastructure;

/// <summary>
/// T-SQL LIKE matching: <c>%</c>, <c>_</c>, <c>[abc]</c>, <c>[a-z]</c>, <c>[^...]</c> and an optional ESCAPE character.
/// Case-insensitive unless told otherwise; ranges compare code points (exact under a binary collation, which is what the
/// constraints that depend on ranges use).
/// </summary>
public static class LikePattern
{
    public static bool IsMatch(string input, string pattern, bool caseSensitive, char? escape = null)
    {
        var tokens = Tokenize(pattern, escape);
        return Match(input, 0, tokens, 0, caseSensitive, new Dictionary<(int, int), bool>());
    }

    private static bool Match(string input, int i, List<Token> tokens, int t, bool caseSensitive, Dictionary<(int, int), bool> memo)
    {
        if (memo.TryGetValue((i, t), out var known))
        {
            return known;
        }

        bool result;
        if (t == tokens.Count)
        {
            result = i == input.Length;
        }
        else if (tokens[t].Kind == TokenKind.AnyRun)
        {
            result = Match(input, i, tokens, t + 1, caseSensitive, memo)
                || (i < input.Length && Match(input, i + 1, tokens, t, caseSensitive, memo));
        }
        else
        {
            result = i < input.Length
                && tokens[t].Accepts(input[i], caseSensitive)
                && Match(input, i + 1, tokens, t + 1, caseSensitive, memo);
        }

        memo[(i, t)] = result;
        return result;
    }

    private static List<Token> Tokenize(string pattern, char? escape)
    {
        var tokens = new List<Token>();
        for (var p = 0; p < pattern.Length; p++)
        {
            var c = pattern[p];
            if (escape is { } e && c == e && p + 1 < pattern.Length)
            {
                tokens.Add(Token.Literal(pattern[++p]));
            }
            else if (c == '%')
            {
                tokens.Add(new Token(TokenKind.AnyRun, [], false));
            }
            else if (c == '_')
            {
                tokens.Add(new Token(TokenKind.AnyOne, [], false));
            }
            else if (c == '[' && pattern.IndexOf(']', p + 1) is var close and > 0)
            {
                tokens.Add(Token.Set(pattern[(p + 1)..close]));
                p = close;
            }
            else
            {
                tokens.Add(Token.Literal(c));
            }
        }

        return tokens;
    }

    private enum TokenKind
    {
        Literal,
        AnyOne,
        AnyRun,
        Set,
    }

    private sealed record Token(TokenKind Kind, List<(char Low, char High)> Ranges, bool Negated)
    {
        public static Token Literal(char c) => new(TokenKind.Literal, [(c, c)], false);

        public static Token Set(string body)
        {
            var negated = body.StartsWith('^');
            if (negated)
            {
                body = body[1..];
            }

            var ranges = new List<(char, char)>();
            for (var k = 0; k < body.Length; k++)
            {
                // A hyphen between two characters makes a range; at either end it is a literal hyphen.
                if (k + 2 < body.Length && body[k + 1] == '-')
                {
                    ranges.Add((body[k], body[k + 2]));
                    k += 2;
                }
                else
                {
                    ranges.Add((body[k], body[k]));
                }
            }

            return new Token(TokenKind.Set, ranges, negated);
        }

        public bool Accepts(char c, bool caseSensitive)
        {
            if (Kind == TokenKind.AnyOne)
            {
                return true;
            }

            var inSet = Ranges.Any(r => InRange(c, r, caseSensitive));
            return Kind == TokenKind.Literal ? inSet : inSet != Negated;
        }

        private static bool InRange(char c, (char Low, char High) range, bool caseSensitive) =>
            caseSensitive
                ? c >= range.Low && c <= range.High
                : Between(char.ToLowerInvariant(c), range) || Between(char.ToUpperInvariant(c), range)
                    || (range.Low == range.High && char.ToUpperInvariant(range.Low) == char.ToUpperInvariant(c));

        private static bool Between(char c, (char Low, char High) range) => c >= range.Low && c <= range.High;
    }
}
