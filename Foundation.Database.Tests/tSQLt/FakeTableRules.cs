using System.Text.RegularExpressions;

namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// What tSQLt.FakeTable and tSQLt.ApplyConstraint need at run time:
/// <list type="bullet">
/// <item>FakeTable renames the table (sp_rename); a table that a schema-bound security policy targets cannot be renamed
/// (error 15336), so the policies must be dropped first, inside the test's transaction: by a call, in the class's SetUp
/// or earlier in the test, to a suite procedure that drops security policies (its text holds DROP SECURITY POLICY, or it
/// calls one that does). The targets come from the model's policies, whatever they are named.</item>
/// <item>ApplyConstraint works on a faked table only (tSQLt.Private_GetOriginalTableInfo), so FakeTable comes first.</item>
/// <item>A constraint that reads a computed column needs FakeTable's @ComputedColumns = 1: without it the fake's
/// column is a plain column that stays NULL, and the constraint tests NULLs (a UNIQUE constraint then fails on the
/// second NULL, for the wrong reason).</item>
/// </list>
/// </summary>
public static partial class FakeTableRules
{
    public static IEnumerable<string> Check(TestFlow flow, SchemaFacts schema, IReadOnlySet<string> policyDroppers)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(policyDroppers);

        var policiesDropped = false;
        var fakes = new Dictionary<string, ProcedureCall>(StringComparer.OrdinalIgnoreCase);
        foreach (var step in flow.Steps.Where(step => step.Call is not null))
        {
            var call = step.Call!;
            if (!FrameworkCallChecker.IsFrameworkCall(call))
            {
                policiesDropped |= policyDroppers.Contains(Qualified(call));
                continue;
            }

            var table = TestDoubleTarget.Table(call);
            if (table is null)
            {
                continue;
            }

            if (step.IsFrameworkCall("FakeTable"))
            {
                fakes[table] = call;
                if (!policiesDropped && schema.PolicyTargets.TryGetValue(table, out var policies))
                {
                    yield return Describe(flow, step,
                        $"tSQLt.FakeTable renames {table}, which the schema-bound security policy {string.Join(", ", policies)} targets; "
                        + "sp_rename then fails with error 15336. Drop the policies first, inside the test's transaction: "
                        + "EXEC [TestSupport].[usp_DropSecurityPolicies]; in the class's SetUp");
                }
            }
            else if (step.IsFrameworkCall("ApplyConstraint"))
            {
                if (!fakes.TryGetValue(table, out var fake))
                {
                    yield return Describe(flow, step, $"tSQLt.ApplyConstraint works on a faked table only: call tSQLt.FakeTable for {table} first");
                    continue;
                }

                var constraint = TestDoubleTarget.Constraint(call) is { } name
                    ? schema.Constraints(name).FirstOrDefault(c => string.Equals(c.Table, table, StringComparison.OrdinalIgnoreCase))
                    : null;
                var computed = constraint is null || schema.FindTable(table) is not { } facts
                    ? []
                    : constraint.Columns.Where(column => facts.Column(column) is { Computed: true }).ToList();
                if (computed.Count > 0 && constraint!.Kind != ConstraintKind.ForeignKey && !TestDoubleTarget.Option(fake, "@ComputedColumns"))
                {
                    yield return Describe(flow, step,
                        $"[{constraint.Name}] reads the computed column {string.Join(", ", computed.Select(c => $"[{c}]"))}, which tSQLt.FakeTable "
                        + $"(at line {fake.Line}) turns into a plain column that stays NULL, so the constraint would test NULLs: fake {table} with @ComputedColumns = 1");
                }
            }
        }
    }

    /// <summary>The suite procedures that drop security policies, themselves or through another one they call.</summary>
    public static IReadOnlySet<string> PolicyDroppers(IReadOnlyList<SuiteProcedure> procedures)
    {
        ArgumentNullException.ThrowIfNull(procedures);
        var droppers = procedures
            .Where(procedure => DropSecurityPolicy().IsMatch(procedure.Text))
            .Select(procedure => $"[{procedure.Schema}].[{procedure.Name}]")
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool added;
        do
        {
            added = false;
            foreach (var procedure in procedures)
            {
                var name = $"[{procedure.Schema}].[{procedure.Name}]";
                if (!droppers.Contains(name) && ProcedureCall.FindAll(procedure.Statement, procedure.File).Any(call => droppers.Contains(Qualified(call))))
                {
                    added = droppers.Add(name);
                }
            }
        }
        while (added);

        return droppers;
    }

    private static string Qualified(ProcedureCall call) => $"[{call.Schema ?? "dbo"}].[{call.Name}]";

    private static string Describe(TestFlow flow, TestStep step, string problem) => $"{step.Where}: {flow.Name}: {problem}.";

    [GeneratedRegex(@"DROP\s+SECURITY\s+POLICY", RegexOptions.IgnoreCase)]
    private static partial Regex DropSecurityPolicy();
}
