using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Deployment.Rehearsal;

/// <summary>What a statement of a deploy script is, for the invariants: gates, migration steps, history writes, context calls.</summary>
public static class StatementFacts
{
    /// <summary>THROW numbers of the refusals that must all have passed before anything changes or any migration commits.</summary>
    public static IReadOnlySet<int> GateNumbers { get; } = new HashSet<int> { 50301, 50302, 50303, 50311, 50312 };

    /// <summary>A gate: a refusal of the pre-deployment script (lock, version, compatibility, rollback guards) or DacFx's data-loss check.</summary>
    public static bool IsGate(ScriptStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return statement.Fragment switch
        {
            ThrowStatement t => t.ErrorNumber is IntegerLiteral n && GateNumbers.Contains(int.Parse(n.Value, System.Globalization.CultureInfo.InvariantCulture)),
            RaiseErrorStatement r => r.FirstParameter is StringLiteral s && s.Value.StartsWith("Rows were detected", StringComparison.Ordinal),
            _ => false,
        };
    }

    /// <summary>The name of the procedure an EXECUTE calls (last part), or null.</summary>
    public static string? Executes(ScriptStatement statement) => Executes(statement?.Fragment);

    public static string? Executes(TSqlStatement? statement) =>
        statement is ExecuteStatement { ExecuteSpecification.ExecutableEntity: ExecutableProcedureReference p }
            ? p.ProcedureReference?.ProcedureReference?.Name.BaseIdentifier.Value ?? p.ProcedureReference?.ProcedureVariable?.Name
            : null;

    /// <summary>Whether the statement writes (INSERT, UPDATE, DELETE, MERGE) the named table.</summary>
    public static bool Writes(ScriptStatement statement, string table)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return Target(statement.Fragment) is NamedTableReference named && Name(named.SchemaObject).Equals(table, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether the statement writes a table variable or a temporary table (the session's own, not the database's).</summary>
    public static bool WritesSessionTable(TSqlStatement statement) => Target(statement) switch
    {
        VariableTableReference => true,
        NamedTableReference named => named.SchemaObject.BaseIdentifier.Value.StartsWith('#'),
        _ => false,
    };

    private static TableReference? Target(TSqlStatement statement) => statement switch
    {
        InsertStatement i => i.InsertSpecification.Target,
        UpdateStatement u => u.UpdateSpecification.Target,
        DeleteStatement d => d.DeleteSpecification.Target,
        MergeStatement m => m.MergeSpecification.Target,
        _ => null,
    };

    /// <summary>
    /// A data-migration step: an sp_executesql in a batch that writes the migration journal (the generated up steps,
    /// the tool's down steps, and an older release's pre-deployment down-step loop alike).
    /// </summary>
    public static bool IsMigrationStep(ScriptStatement statement, RehearsalScript script)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(script);
        return string.Equals(Executes(statement), "sp_executesql", StringComparison.OrdinalIgnoreCase)
            && script.Statements.Any(s => s.Batch == statement.Batch && Writes(s, "[Deploy].[MigrationJournal]"));
    }

    /// <summary>A call of the deployment session-context procedure.</summary>
    public static bool SetsDeploymentContext(ScriptStatement statement) =>
        string.Equals(Executes(statement), "usp_SetDeploymentSessionContext", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>IF NOT EXISTS (SELECT ... [Security].[fn_SessionIsTrusted]()) THROW ...</c>: a refusal without a trusted context.</summary>
    public static bool RefusesWithoutTrustedContext(ScriptStatement statement) =>
        statement?.Fragment is IfStatement { ThenStatement: ThrowStatement } i
        && i.Predicate is BooleanNotExpression { Expression: ExistsPredicate } e
        && Contains(e, "fn_SessionIsTrusted");

    /// <summary>A statement that records the deployment as Succeeded in the history.</summary>
    public static bool RecordsSucceeded(ScriptStatement statement) =>
        statement is not null && Writes(statement, "[Deploy].[SchemaHistory]") && Contains(statement.Fragment, "'Succeeded'");

    /// <summary>Whether the fragment's text contains <paramref name="text"/> (ordinal, ignoring case).</summary>
    public static bool Contains(TSqlFragment fragment, string text)
    {
        ArgumentNullException.ThrowIfNull(fragment);
        return fragment.ScriptTokenStream.Skip(fragment.FirstTokenIndex).Take(fragment.LastTokenIndex - fragment.FirstTokenIndex + 1)
            .Any(t => t.Text.Contains(text, StringComparison.OrdinalIgnoreCase));
    }

    public static string Name(SchemaObjectName name) =>
        $"[{name?.SchemaIdentifier?.Value ?? "dbo"}].[{name!.BaseIdentifier.Value}]";
}
