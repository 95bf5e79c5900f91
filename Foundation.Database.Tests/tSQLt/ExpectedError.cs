namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// What a test's tSQLt.ExpectException call expects: the error number it names, the message or pattern it gives, the
/// constraints and unique indexes of the model that text names, and the error numbers that text implies
/// (a named constraint's kind, or a phrase of SQL Server's own message).
/// </summary>
public sealed record ExpectedError(int? Number, string? Text, IReadOnlyList<ConstraintFacts> Named, IReadOnlyDictionary<int, string> Implied)
{
    /// <summary>Phrases of SQL Server's messages and the error that carries them (sys.messages).</summary>
    private static readonly (string Phrase, int Number, string Meaning)[] _phrases =
    [
        ("block predicate", 33504, "a security policy's block predicate"),
        ("Cannot insert the value NULL", 515, "a NULL in a NOT NULL column"),
        ("duplicate key", 2627, "a duplicate key of a PRIMARY KEY or UNIQUE constraint"),
        ("duplicate key", 2601, "a duplicate key of a unique index"),
        ("CHECK constraint", 547, "a CHECK constraint"),
        ("FOREIGN KEY constraint", 547, "a FOREIGN KEY constraint"),
        ("REFERENCE constraint", 547, "a FOREIGN KEY constraint"),
    ];

    public static ExpectedError From(ProcedureCall call, SchemaFacts schema)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(schema);
        var number = int.TryParse(call.Argument("@ExpectedErrorNumber", 5), out var parsed) ? parsed : (int?)null;
        var text = call.Argument("@ExpectedMessagePattern", 4) ?? call.Argument("@ExpectedMessage", 0);
        var named = text is null ? [] : schema.ConstraintsNamedIn(text);
        var implied = new Dictionary<int, string>();
        foreach (var constraint in named)
        {
            implied.TryAdd(constraint.ErrorNumber, $"[{constraint.Name}] is a {constraint.KindText}");
        }

        if (named.Count == 0 && text is not null)
        {
            foreach (var (phrase, phraseNumber, meaning) in _phrases.Where(p => text.Contains(p.Phrase, StringComparison.OrdinalIgnoreCase)))
            {
                implied.TryAdd(phraseNumber, $"'{text}' is the message of {meaning}");
            }
        }

        return new ExpectedError(number, text, named, implied);
    }

    /// <summary>True when a violation of <paramref name="constraint"/> is what the test expects.</summary>
    public bool Accepts(ConstraintFacts constraint) =>
        Named.Count > 0 ? Named.Contains(constraint) : Accepts(constraint.ErrorNumber);

    /// <summary>True when an error with this number is what the test expects (by number, or by the kind its text implies).</summary>
    public bool Accepts(int errorNumber) =>
        Number is { } expected ? expected == errorNumber : Implied.Count == 0 || Implied.ContainsKey(errorNumber);
}
