namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// The expectations of one test (tSQLt V1.1.8738, Source/tSQLt.ExpectException.ssp.sql, tSQLt.ExpectNoException.ssp.sql;
/// tsqlt.org "ExpectException"): at most one ExpectException and one ExpectNoException per test, SetUp included (tSQLt
/// raises an error for a second one), no ExpectNoException after ExpectException (tSQLt raises an error; the other order
/// is allowed); the expected error number agrees with what the message pattern names (547 for CHECK and FOREIGN KEY,
/// 2627 for PRIMARY KEY and UNIQUE constraints, 2601 for unique indexes, 33504 for a block predicate, 515 for NULL);
/// and a constraint named in the pattern can fire at all (not left off a faked table).
/// </summary>
public static class ExpectationRules
{
    public static IEnumerable<string> Check(TestFlow flow, SchemaFacts schema)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(schema);

        TestStep? expectException = null;
        TestStep? expectNoException = null;
        var faked = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var applied = new HashSet<(string Table, string Constraint)>();
        foreach (var step in flow.Steps)
        {
            if (step.IsFrameworkCall("FakeTable") && TestDoubleTarget.Table(step.Call!) is { } fakedTable)
            {
                faked.Add(fakedTable);
            }
            else if (step.IsFrameworkCall("ApplyConstraint") && TestDoubleTarget.Table(step.Call!) is { } table && TestDoubleTarget.Constraint(step.Call!) is { } constraint)
            {
                applied.Add((table.ToUpperInvariant(), constraint.ToUpperInvariant()));
            }
            else if (step.IsFrameworkCall("ExpectException"))
            {
                if (expectException is not null)
                {
                    yield return Describe(flow, step, $"a second tSQLt.ExpectException (the first is at {expectException.Where}); tSQLt raises 'Each test can only contain one call to tSQLt.ExpectException.'");
                    continue;
                }

                expectException = step;
                foreach (var problem in CheckNumber(flow, step, ExpectedError.From(step.Call!, schema), applied, schema))
                {
                    yield return problem;
                }

                foreach (var problem in CheckCanFire(flow, step, ExpectedError.From(step.Call!, schema), faked, applied))
                {
                    yield return problem;
                }
            }
            else if (step.IsFrameworkCall("ExpectNoException"))
            {
                if (expectNoException is not null)
                {
                    yield return Describe(flow, step, $"a second tSQLt.ExpectNoException (the first is at {expectNoException.Where}); tSQLt raises 'Each test can only contain one call to tSQLt.ExpectNoException.'");
                }
                else if (expectException is not null)
                {
                    yield return Describe(flow, step, $"tSQLt.ExpectNoException after tSQLt.ExpectException (at {expectException.Where}); tSQLt raises 'tSQLt.ExpectNoException cannot follow tSQLt.ExpectException inside a single test.'");
                }

                expectNoException ??= step;
            }
        }
    }

    private static IEnumerable<string> CheckNumber(
        TestFlow flow, TestStep step, ExpectedError expected, HashSet<(string Table, string Constraint)> applied, SchemaFacts schema)
    {
        if (expected.Number is not { } number)
        {
            yield break;
        }

        var implied = expected.Implied;
        if (implied.Count == 0 && expected.Text is null && applied.Count == 1)
        {
            // No message to go by: the one constraint the test brought back to its fake is the one it exercises.
            var (table, constraint) = applied.Single();
            if (schema.Constraints(constraint).FirstOrDefault(c => string.Equals(c.Table, table, StringComparison.OrdinalIgnoreCase)) is { } only)
            {
                implied = new Dictionary<int, string> { [only.ErrorNumber] = $"the test applies only [{only.Name}], a {only.KindText}" };
            }
        }

        if (implied.Count > 0 && !implied.ContainsKey(number))
        {
            var because = string.Join("; ", implied.Select(pair => $"{pair.Value}, which raises {pair.Key}"));
            yield return Describe(flow, step, $"expects error {number}, but {because}");
        }
    }

    private static IEnumerable<string> CheckCanFire(
        TestFlow flow, TestStep step, ExpectedError expected, HashSet<string> faked, HashSet<(string Table, string Constraint)> applied)
    {
        foreach (var constraint in expected.Named.Where(c => faked.Contains(c.Table)))
        {
            if (constraint.Kind == ConstraintKind.UniqueIndex)
            {
                yield return Describe(flow, step, $"expects [{constraint.Name}], a unique index of {constraint.Table}, which the test fakes; tSQLt.ApplyConstraint cannot bring an index to a fake, so it can never fire: test it on the real table");
            }
            else if (!applied.Contains((constraint.Table.ToUpperInvariant(), constraint.Name.ToUpperInvariant())))
            {
                yield return Describe(flow, step, $"expects [{constraint.Name}], but the test fakes {constraint.Table} without applying it, so it can never fire: EXEC tSQLt.ApplyConstraint @TableName = N'{constraint.Table}', @ConstraintName = N'{constraint.Name}' before the act");
            }
        }
    }

    private static string Describe(TestFlow flow, TestStep step, string problem) => $"{step.Where}: {flow.Name}: {problem}.";
}
