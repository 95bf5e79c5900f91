namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// Data that trips another rule than the one under test, where that is certain without a server: the test's INSERTs
/// are followed through SetUp and the test (<see cref="TestDataState"/>), and the first INSERT that certainly breaks a
/// rule ends the test, as it would at run time. It is a problem when the test expects no error there (an arrangement
/// that fails, or an ExpectNoException), when it breaks another rule than the expected one (a different error), or
/// when it breaks the expected rule and another one at once (which one the engine reports first is not defined).
/// Not decidable here, and not checked: rows the test did not insert with literal values (a real table's existing
/// rows, INSERT ... SELECT), a FOREIGN KEY into a real table, and whether a DELETE finds referencing rows.
/// </summary>
public static class TestDataRules
{
    /// <summary>System procedures that change no table, so that the rows known so far stay known across them.</summary>
    private static readonly string[] _harmlessProcedures = ["sp_set_session_context", "sp_addextendedproperty"];

    public static IEnumerable<string> Check(TestFlow flow, SchemaFacts schema)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(schema);

        var state = new TestDataState(schema);
        ExpectedError? expected = null;
        foreach (var step in flow.Steps)
        {
            if (step.Call is { } call)
            {
                if (!FrameworkCallChecker.IsFrameworkCall(call))
                {
                    if (!(string.Equals(call.Schema, "sys", StringComparison.OrdinalIgnoreCase) && _harmlessProcedures.Contains(call.Name, StringComparer.OrdinalIgnoreCase)))
                    {
                        state.Forget(null);
                    }
                }
                else if (step.IsFrameworkCall("FakeTable") && TestDoubleTarget.Table(call) is { } faked)
                {
                    state.Fake(faked, TestDoubleTarget.Option(call, "@Identity"), TestDoubleTarget.Option(call, "@ComputedColumns"), TestDoubleTarget.Option(call, "@Defaults"));
                }
                else if (step.IsFrameworkCall("ApplyConstraint") && TestDoubleTarget.Table(call) is { } table && TestDoubleTarget.Constraint(call) is { } constraint)
                {
                    state.Apply(table, constraint);
                }
                else if (step.IsFrameworkCall("ExpectException"))
                {
                    expected ??= ExpectedError.From(call, schema);
                }

                continue;
            }

            if (step.Modification is not Microsoft.SqlServer.TransactSql.ScriptDom.InsertStatement insert)
            {
                state.Forget(null);
                continue;
            }

            var violations = state.Insert(insert);
            if (violations.Count == 0)
            {
                continue;
            }

            var what = string.Join(" and ", violations.Select(v => v.Description));
            if (expected is null)
            {
                yield return Describe(flow, step, $"this INSERT {what}, but the test expects no error here");
            }
            else
            {
                var unexpected = violations.Where(v => v.Constraint is { } c ? !expected.Accepts(c) : !expected.Accepts(v.ErrorNumber)).ToList();
                if (unexpected.Count > 0)
                {
                    var others = string.Join(" and ", unexpected.Select(v => v.Description));
                    yield return unexpected.Count < violations.Count
                        ? Describe(flow, step, $"this INSERT {what}: besides the rule under test it {others}, and which error the engine raises first is not defined; change the data so that only the rule under test is broken")
                        : Describe(flow, step, $"this INSERT {others}, not what the test expects ({expected.Text ?? $"error {expected.Number}"})");
                }
            }

            yield break; // the first error ends the test
        }
    }

    private static string Describe(TestFlow flow, TestStep step, string problem) => $"{step.Where}: {flow.Name}: {problem}.";
}
