using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// One step of a test as tSQLt runs it, in order: a procedure call or a data modification (INSERT, UPDATE, DELETE,
/// MERGE), from the class's SetUp or the test.
/// </summary>
public sealed record TestStep(ProcedureCall? Call, DataModificationStatement? Modification, bool InSetUp, int Line, string File)
{
    public bool IsFrameworkCall(string name) =>
        Call is not null && FrameworkCallChecker.IsFrameworkCall(Call) && string.Equals(Call.Name, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>"file(line)" and, for a SetUp step, that it runs from SetUp.</summary>
    public string Where => InSetUp ? $"{File}({Line}) (SetUp)" : $"{File}({Line})";
}
