using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// What the suite's files declare, found without a server the way tSQLt finds it on one:
/// test classes are the schemas that <c>tSQLt.NewTestClass</c> creates (see <see cref="TestClassForm"/>),
/// tests are the procedures in those schemas whose names begin with "test" (tSQLt.Tests: LOWER(name) LIKE 'test%').
/// </summary>
public sealed class TSqltTestCatalog
{
    private TSqltTestCatalog(
        IReadOnlyList<TSqltScriptFile> files,
        IReadOnlyList<string> classes,
        IReadOnlyList<(string Schema, string Name, string File)> procedures)
    {
        Files = files;
        Classes = classes;
        Procedures = procedures;
        Tests = procedures
            .Where(procedure => classes.Contains(procedure.Schema, StringComparer.OrdinalIgnoreCase)
                && procedure.Name.StartsWith("test", StringComparison.OrdinalIgnoreCase))
            .Select(procedure => new TSqltTestCase(procedure.Schema, procedure.Name, procedure.File))
            .OrderBy(test => test.DisplayName, StringComparer.Ordinal)
            .ToList();
    }

    public IReadOnlyList<TSqltScriptFile> Files { get; }

    /// <summary>Schemas marked as test classes.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Every procedure the files create: (schema, name, file).</summary>
    public IReadOnlyList<(string Schema, string Name, string File)> Procedures { get; }

    public IReadOnlyList<TSqltTestCase> Tests { get; }

    /// <summary>The suite in the repository, parsed once per test run.</summary>
    public static TSqltTestCatalog Suite => _suite.Value;

    private static readonly Lazy<TSqltTestCatalog> _suite = new(() => Load(TSqltSuite.Files));

    public static TSqltTestCatalog Load(IEnumerable<string> paths)
    {
        var files = paths.Select(TSqltScriptFile.Parse).ToList();
        var classes = new List<string>();
        var procedures = new List<(string, string, string)>();
        foreach (var file in files)
        {
            foreach (var statement in file.Statements)
            {
                if (statement is CreateProcedureStatement procedure)
                {
                    var name = procedure.ProcedureReference.Name;
                    procedures.Add((name.SchemaIdentifier?.Value ?? "dbo", name.BaseIdentifier.Value, file.Path));
                }
            }

            classes.AddRange(TestClassForm.Declarations(file).Select(declaration => declaration.ClassName));
        }

        return new TSqltTestCatalog(files, classes.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), procedures);
    }
}
