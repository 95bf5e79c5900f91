namespace Foundation.Deploy;

/// <summary>
/// "Did you mean ...?" for a misspelt name: the closest candidate by edit distance (case-insensitive), or null when
/// nothing is close enough to be a plausible typo (more than a third of the name would have to change).
/// </summary>
public static class NameSuggestion
{
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(candidates);
        var best = candidates
            .Select(candidate => (Candidate: candidate, Distance: Distance(input.ToUpperInvariant(), candidate.ToUpperInvariant())))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Candidate, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Candidate is not null && best.Distance <= Math.Max(2, input.Length / 3) ? best.Candidate : null;
    }

    /// <summary>" Did you mean 'X'?" or an empty string, to append to an error message.</summary>
    public static string Hint(string input, IEnumerable<string> candidates) =>
        Closest(input, candidates) is { } closest ? $" Did you mean '{closest}'?" : string.Empty;

    /// <summary>Levenshtein distance.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
