using System.Text.RegularExpressions;
using Microsoft.SqlServer.Dac;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// Checks tSQLt test files against Foundation's schema and tSQLt's API without a server:
/// <list type="bullet">
/// <item>every file parses, and creates its test class with tSQLt.NewTestClass (<see cref="TestClassForm"/>);</item>
/// <item>the schema files and the test files build into one DacFx model in which every reference resolves, except
/// references to the tSQLt framework itself and to the server's own [sys] objects (catalog views, sp_executesql: the
/// model has no master.dacpac to resolve them against);</item>
/// <item>every tSQLt call names a public procedure with its parameters right (<see cref="FrameworkCallChecker"/>), and the
/// names it passes as strings (FakeTable, ApplyConstraint, ApplyTrigger, FakeFunction, SpyProcedure) name objects that
/// exist;</item>
/// <item>each test, run as tSQLt runs it (SetUp, then the test), sets its expectations as tSQLt allows and expects the
/// error the named rule raises (<see cref="ExpectationRules"/>), fakes only tables it may fake (<see cref="FakeTableRules"/>),
/// and arranges data that trips no other rule first, where that can be known offline (<see cref="TestDataRules"/>).</item>
/// </list>
/// </summary>
public static partial class TSqltModelValidator
{
    private const string FrameworkSchema = FrameworkCallChecker.FrameworkSchema;

    /// <summary>The schemas that may stay unresolved: tSQLt (installed at run time) and sys (every server's own).</summary>
    private static readonly string[] _externalSchemas = [FrameworkSchema, "sys"];

    /// <summary>Every problem found, one readable line each; empty when the tests fit the schema.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<string> modelFiles, IReadOnlyList<string> testFiles)
    {
        ArgumentNullException.ThrowIfNull(modelFiles);
        ArgumentNullException.ThrowIfNull(testFiles);

        var parsed = testFiles.Select(TSqltScriptFile.Parse).ToList();
        var problems = parsed.SelectMany(file => file.DescribeErrors()).ToList();
        if (problems.Count > 0)
        {
            return problems;
        }

        var procedures = SuiteProcedure.FindAll(parsed);
        var testSchemas = procedures.Where(procedure => procedure.IsTest).Select(procedure => procedure.Schema).ToHashSet(StringComparer.OrdinalIgnoreCase);
        problems.AddRange(parsed.SelectMany(file => TestClassForm.Check(file, testSchemas)));

        using var model = new TSqlModel(SqlServerVersion.Sql160, new TSqlModelOptions { Collation = "SQL_Latin1_General_CP1_CI_AS" });
        foreach (var file in modelFiles)
        {
            model.AddOrUpdateObjects(File.ReadAllText(file), file, new TSqlObjectOptions());
        }

        foreach (var file in parsed)
        {
            try
            {
                model.AddOrUpdateObjects(TestClassForm.ModelText(file), file.Path, new TSqlObjectOptions());
            }
            catch (DacModelException ex)
            {
                // E.g. SQL71006, two statements in a batch that must be alone: the file stays out of the model.
                problems.Add($"{file.Path}(1): DacFx cannot build this file into the model: {ex.Message.ReplaceLineEndings(" ")}");
            }
        }

        problems.AddRange(model.Validate()
            .Where(message => message.MessageType is DacMessageType.Error or DacMessageType.Warning)
            .Where(message => !IsFrameworkReference(message.Message))
            .Select(message => $"{message.Prefix}{message.Number}: {message.Message}"));

        foreach (var file in parsed)
        {
            foreach (var call in ProcedureCall.FindAll(file.Script!, file.Path))
            {
                problems.AddRange(FrameworkCallChecker.Check(call));
                problems.AddRange(CheckTestDouble(model, call));
            }
        }

        var schema = SchemaFacts.Read(model);
        var classes = parsed.SelectMany(TestClassForm.Declarations).Select(declaration => declaration.ClassName);
        var policyDroppers = FakeTableRules.PolicyDroppers(procedures);
        foreach (var flow in TestFlow.Build(procedures, [.. classes]))
        {
            problems.AddRange(ExpectationRules.Check(flow, schema));
            problems.AddRange(FakeTableRules.Check(flow, schema, policyDroppers));
            problems.AddRange(TestDataRules.Check(flow, schema));
        }

        return problems;
    }

    /// <summary>
    /// True when every object an unresolved-reference message names belongs to tSQLt or sys
    /// (<c>[tSQLt].[FakeTable]</c>, its parameters <c>[tSQLt].[FakeTable].[@TableName]</c>, <c>[sys].[tables]</c>).
    /// </summary>
    public static bool IsFrameworkReference(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var at = message.IndexOf("unresolved reference", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return false;
        }

        // Everything named after the phrase is what could not be resolved (one object, or the ambiguous candidates).
        var referenced = ReferencedNames().Matches(message[at..]).Select(match => match.Groups["name"].Value).ToList();
        return referenced.Count > 0
            && referenced.All(name => _externalSchemas.Any(schema => name.StartsWith($"[{schema}].", StringComparison.OrdinalIgnoreCase)));
    }

    private static IEnumerable<string> CheckTestDouble(TSqlModel model, ProcedureCall call)
    {
        if (!string.Equals(call.Schema, FrameworkSchema, StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        return call.Name.ToUpperInvariant() switch
        {
            "FAKETABLE" => CheckObject(model, call, Name(call, "@TableName", 0, "@SchemaName", 1), "table or view", ModelSchema.Table, ModelSchema.View),
            "APPLYCONSTRAINT" => CheckConstraint(model, call),
            "APPLYTRIGGER" => CheckTrigger(model, call),
            "FAKEFUNCTION" => CheckObject(model, call, Name(call, "@FunctionName", 0), "function", ModelSchema.ScalarFunction, ModelSchema.TableValuedFunction)
                .Concat(call.Argument("@FakeFunctionName", 1) is null && call.Argument("@FakeDataSource", 2) is not null
                    ? []
                    : CheckObject(model, call, Name(call, "@FakeFunctionName", 1), "fake function", ModelSchema.ScalarFunction, ModelSchema.TableValuedFunction)),
            "SPYPROCEDURE" => CheckObject(model, call, Name(call, "@ProcedureName", 0), "procedure", ModelSchema.Procedure),
            _ => [],
        };
    }

    private static IEnumerable<string> CheckConstraint(TSqlModel model, ProcedureCall call)
    {
        var table = Name(call, "@TableName", 0, "@SchemaName", 2);
        foreach (var problem in CheckObject(model, call, table, "table", ModelSchema.Table))
        {
            return [problem];
        }

        var constraint = call.Argument("@ConstraintName", 1);
        if (constraint is null)
        {
            return [Describe(call, "the constraint name must be a string literal, so that it can be checked")];
        }

        var tableObject = Find(model, table.Identifier!, ModelSchema.Table)!;
        var hosted = new (ModelTypeClass Type, ModelRelationshipClass Host)[]
        {
            (ModelSchema.CheckConstraint, Microsoft.SqlServer.Dac.Model.CheckConstraint.Host),
            (ModelSchema.ForeignKeyConstraint, ForeignKeyConstraint.Host),
            (ModelSchema.UniqueConstraint, UniqueConstraint.Host),
            (ModelSchema.PrimaryKeyConstraint, PrimaryKeyConstraint.Host),
        };
        var constraintName = Unquote(constraint);
        var found = hosted.Any(kind => model.GetObjects(DacQueryScopes.UserDefined, kind.Type)
            .Any(candidate => string.Equals(candidate.Name.Parts[^1], constraintName, StringComparison.OrdinalIgnoreCase)
                && candidate.GetReferenced(kind.Host).Any(host => host.Name.ToString() == tableObject.Name.ToString())));
        return found
            ? []
            : [Describe(call, $"{table.Text} has no CHECK, FOREIGN KEY, UNIQUE or PRIMARY KEY constraint named [{constraintName}] (ApplyConstraint cannot apply indexes or defaults)")];
    }

    private static IEnumerable<string> CheckTrigger(TSqlModel model, ProcedureCall call)
    {
        var table = Name(call, "@TableName", 0);
        foreach (var problem in CheckObject(model, call, table, "table", ModelSchema.Table))
        {
            return [problem];
        }

        var trigger = call.Argument("@TriggerName", 1);
        if (trigger is null)
        {
            return [Describe(call, "the trigger name must be a string literal, so that it can be checked")];
        }

        var identifier = new ObjectIdentifier(table.Identifier!.Parts[0], Unquote(trigger));
        return Find(model, identifier, ModelSchema.DmlTrigger) is null
            ? [Describe(call, $"there is no trigger [{identifier.Parts[0]}].[{identifier.Parts[1]}] in the model")]
            : [];
    }

    private static IEnumerable<string> CheckObject(TSqlModel model, ProcedureCall call, ParsedName name, string kind, params ModelTypeClass[] types)
    {
        if (name.Problem is not null)
        {
            return [Describe(call, name.Problem)];
        }

        return types.Any(type => Find(model, name.Identifier!, type) is not null)
            ? []
            : [Describe(call, $"there is no {kind} {name.Text} in the model")];
    }

    private static TSqlObject? Find(TSqlModel model, ObjectIdentifier identifier, ModelTypeClass type) =>
        model.GetObject(type, identifier, DacQueryScopes.UserDefined);

    private static ParsedName Name(ProcedureCall call, string parameter, int position, string? schemaParameter = null, int schemaPosition = -1)
    {
        var text = call.Argument(parameter, position);
        if (text is null)
        {
            return new ParsedName(null, null, $"{parameter} must be a string literal naming a schema-qualified object, so that it can be checked");
        }

        var schema = schemaParameter is null ? null : call.Argument(schemaParameter, schemaPosition);
        var parts = MultipartName.Split(schema is null ? text : $"{schema}.{text}");
        if (parts is not { Count: 2 })
        {
            return new ParsedName(null, null, $"'{text}' is not a schema-qualified object name (write 'Schema.Object')");
        }

        var identifier = new ObjectIdentifier(parts[0], parts[1]);
        return new ParsedName(identifier, $"[{parts[0]}].[{parts[1]}]", null);
    }

    private static string Unquote(string name) => MultipartName.Split(name) is { Count: 1 } parts ? parts[0] : name.Trim();

    private static string Describe(ProcedureCall call, string problem) =>
        $"{call.File}({call.Line}): tSQLt.{call.Name}: {problem}.";

    [GeneratedRegex(@"(?<name>\[[^\]]+\](?:(?:\.|::)\[[^\]]+\])*)")]
    private static partial Regex ReferencedNames();

    private sealed record ParsedName(ObjectIdentifier? Identifier, string? Text, string? Problem);
}
