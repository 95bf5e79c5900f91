using System.Text;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// How the suite creates its test classes: <c>EXEC [tSQLt].[NewTestClass] @ClassName = N'UsersTests';</c> alone in its
/// batch, as tSQLt documents. NewTestClass drops the class if it exists, creates the schema, marks it with the
/// <c>tSQLt.TestClass</c> extended property (what tSQLt.RunAll and tSQLt.Run look for) and records it in
/// tSQLt.Private_NewTestClassList (what tSQLt.RunNew looks for; tSQLt V1.1.8738 Source/tSQLt.Private_MarkSchemaAsTestClass.ssp.sql).
/// A class made with CREATE SCHEMA and sp_addextendedproperty is seen by RunAll but never by RunNew, so that old form is
/// rejected with the replacement to write.
/// The model cannot run an EXEC, so for the offline build each NewTestClass batch is read as the CREATE SCHEMA it performs
/// (<see cref="ModelText"/>); line numbers stay where they were.
/// </summary>
public static class TestClassForm
{
    public const string TestClassProperty = "tSQLt.TestClass";

    /// <summary>The class name of every NewTestClass call in the file, with its line.</summary>
    public static IReadOnlyList<(string ClassName, int Line)> Declarations(TSqltScriptFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.Script is null
            ? []
            : [.. ProcedureCall.FindAll(file.Script, file.Path)
                .Where(call => call.Is(FrameworkCallChecker.FrameworkSchema, "NewTestClass") && call.Schema is not null)
                .Select(call => (ClassName: call.Argument("@ClassName", 0), call.Line))
                .Where(declaration => declaration.ClassName is not null)
                .Select(declaration => (declaration.ClassName!, declaration.Line))];
    }

    /// <summary>
    /// Problems with how the file creates test classes. <paramref name="testSchemas"/>: the schemas in which the suite
    /// creates procedures named test..., so that a CREATE SCHEMA of a test class is recognised as one.
    /// </summary>
    public static IEnumerable<string> Check(TSqltScriptFile file, IReadOnlySet<string> testSchemas)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(testSchemas);
        if (file.Script is null)
        {
            yield break;
        }

        var declaredAt = Declarations(file).ToLookup(declaration => declaration.ClassName, declaration => declaration.Line, StringComparer.OrdinalIgnoreCase);
        foreach (var procedure in file.Statements.OfType<CreateProcedureStatement>())
        {
            var schema = procedure.ProcedureReference.Name.SchemaIdentifier?.Value;
            if (schema is not null && declaredAt[schema].Any(line => line > procedure.StartLine))
            {
                yield return $"{file.Path}({procedure.StartLine}): [{schema}].[{procedure.ProcedureReference.Name.BaseIdentifier.Value}] is created before tSQLt.NewTestClass creates [{schema}] (line {declaredAt[schema].First()}); put the NewTestClass batch first.";
            }
        }

        foreach (var batch in file.Script.Batches)
        {
            foreach (var statement in batch.Statements)
            {
                if (statement is CreateSchemaStatement schema && testSchemas.Contains(schema.Name.Value))
                {
                    yield return OldForm(file, statement.StartLine, schema.Name.Value, "is created with CREATE SCHEMA");
                }
            }

            foreach (var call in ProcedureCall.FindAll(batch, file.Path))
            {
                if (call.Is("sys", "sp_addextendedproperty")
                    && call.Argument("@name", 0) == TestClassProperty
                    && string.Equals(call.Argument("@level0type", 2), "SCHEMA", StringComparison.OrdinalIgnoreCase))
                {
                    yield return OldForm(file, call.Line, call.Argument("@level0name", 3) ?? "?", $"is marked with the {TestClassProperty} extended property");
                }
                else if (call.Is(FrameworkCallChecker.FrameworkSchema, "NewTestClass") && call.Schema is not null)
                {
                    if (call.Argument("@ClassName", 0) is null)
                    {
                        yield return $"{file.Path}({call.Line}): tSQLt.NewTestClass: @ClassName must be a string literal (N'<Class>Tests'), so that the class can be found without a server.";
                    }

                    if (batch.Statements.Count != 1)
                    {
                        yield return $"{file.Path}({call.Line}): tSQLt.NewTestClass must be alone in its batch (end it with GO): the procedures of the class follow in batches of their own.";
                    }
                }
            }
        }
    }

    /// <summary>
    /// The file's text as the model reads it, lines unchanged: each top-level tSQLt.NewTestClass call becomes the
    /// CREATE SCHEMA it performs; any other top-level EXEC but sp_addextendedproperty (which DacFx reads) is blanked, as
    /// the model cannot run it and DacFx refuses it beside another statement (SQL71006).
    /// </summary>
    public static string ModelText(TSqltScriptFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Script is null)
        {
            return file.Text;
        }

        var text = new StringBuilder(file.Text);
        foreach (var statement in file.Statements.OfType<ExecuteStatement>().OrderByDescending(statement => statement.StartOffset))
        {
            var call = ProcedureCall.FindAll(statement, file.Path) is [var first, ..] ? first : null;
            if (call is null || call.Is("sys", "sp_addextendedproperty"))
            {
                continue;
            }

            var original = file.Text.Substring(statement.StartOffset, statement.FragmentLength);
            var className = call.Schema is not null && call.Is(FrameworkCallChecker.FrameworkSchema, "NewTestClass") ? call.Argument("@ClassName", 0) : null;
            var replacement = className is null ? string.Empty : "CREATE SCHEMA [" + className.Replace("]", "]]", StringComparison.Ordinal) + "]";
            text.Remove(statement.StartOffset, statement.FragmentLength)
                .Insert(statement.StartOffset, replacement + new string('\n', original.Count(c => c == '\n')));
        }

        return text.ToString();
    }

    private static string OldForm(TSqltScriptFile file, int line, string className, string how) =>
        $"{file.Path}({line}): test class [{className}] {how}, the form tSQLt.RunNew never runs (only tSQLt.NewTestClass records a new class). "
        + $"Replace its CREATE SCHEMA batch and its sp_addextendedproperty batch with one batch: EXEC [tSQLt].[NewTestClass] @ClassName = N'{className}'; "
        + "followed by GO (docs/testing.md, \"Writing a test class\").";
}
