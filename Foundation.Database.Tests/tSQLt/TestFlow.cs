using Foundation.Database.Tests.Infrastructure;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// A test as tSQLt runs it (tSQLt.Private_RunTest_TestExecution): its class's SetUp, then the test, in one
/// transaction. The steps are the procedure calls and data modifications of both, in that order, as written
/// (statically: a step inside an IF counts as taken).
/// </summary>
public sealed class TestFlow
{
    private TestFlow(SuiteProcedure test, SuiteProcedure? setUp, IReadOnlyList<TestStep> steps)
    {
        Test = test;
        SetUp = setUp;
        Steps = steps;
    }

    public SuiteProcedure Test { get; }

    public SuiteProcedure? SetUp { get; }

    public IReadOnlyList<TestStep> Steps { get; }

    public string Name => $"[{Test.Schema}].[{Test.Name}]";

    /// <summary>One flow per test of every class in <paramref name="classes"/>.</summary>
    public static IReadOnlyList<TestFlow> Build(IReadOnlyList<SuiteProcedure> procedures, IEnumerable<string> classes)
    {
        ArgumentNullException.ThrowIfNull(procedures);
        ArgumentNullException.ThrowIfNull(classes);
        var flows = new List<TestFlow>();
        foreach (var className in classes)
        {
            var members = procedures.Where(procedure => string.Equals(procedure.Schema, className, StringComparison.OrdinalIgnoreCase)).ToList();
            var setUp = members.FirstOrDefault(procedure => procedure.IsSetUp);
            var setUpSteps = setUp is null ? [] : StepsOf(setUp, inSetUp: true);
            flows.AddRange(members
                .Where(procedure => procedure.IsTest)
                .Select(test => new TestFlow(test, setUp, [.. setUpSteps, .. StepsOf(test, inSetUp: false)])));
        }

        return flows;
    }

    private static List<TestStep> StepsOf(SuiteProcedure procedure, bool inSetUp)
    {
        var calls = ProcedureCall.FindAll(procedure.Statement, procedure.File)
            .Select(call => (Offset: call.Offset, Step: new TestStep(call, null, inSetUp, call.Line, procedure.File)));
        var modifications = FragmentCollector.Collect<DataModificationStatement>(procedure.Statement)
            .Select(statement => (Offset: statement.StartOffset, Step: new TestStep(null, statement, inSetUp, statement.StartLine, procedure.File)));
        return [.. calls.Concat(modifications).OrderBy(pair => pair.Offset).Select(pair => pair.Step)];
    }
}
