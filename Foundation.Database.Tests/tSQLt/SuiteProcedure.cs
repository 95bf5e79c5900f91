using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.TSqlt;

/// <summary>A procedure that a suite file creates: its schema and name, its file, its parsed statement and its text.</summary>
public sealed record SuiteProcedure(string Schema, string Name, string File, CreateProcedureStatement Statement, string Text)
{
    /// <summary>tSQLt runs a class's procedure named SetUp (any letter case) before each of its tests.</summary>
    public bool IsSetUp => string.Equals(Name, "SetUp", StringComparison.OrdinalIgnoreCase);

    /// <summary>tSQLt's test: a procedure of a test class whose name begins with "test" (LOWER(name) LIKE 'test%').</summary>
    public bool IsTest => Name.StartsWith("test", StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<SuiteProcedure> FindAll(IEnumerable<TSqltScriptFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return [.. files.SelectMany(file => file.Statements
            .OfType<CreateProcedureStatement>()
            .Select(statement => new SuiteProcedure(
                statement.ProcedureReference.Name.SchemaIdentifier?.Value ?? "dbo",
                statement.ProcedureReference.Name.BaseIdentifier.Value,
                file.Path,
                statement,
                file.Text.Substring(statement.StartOffset, statement.FragmentLength))))];
    }
}
