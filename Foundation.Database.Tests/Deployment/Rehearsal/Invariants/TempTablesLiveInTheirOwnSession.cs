using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Deployment.Rehearsal.Invariants;

/// <summary>
/// Every local temporary table a statement uses was created earlier on the same session. A #table lives until the
/// session that created it ends ("Local temporary tables are visible only in the current session", CREATE TABLE,
/// Transact-SQL reference), so across batches it is there, but on the tool's new session for the post-deployment script
/// it is not: a batch of the tool's (the rebuild row counts, #FoundationRebuildRows) or of DacFx (#tmpErrors) that
/// ended up on the other side of that boundary would fail with 208 (invalid object name), or, for DacFx's
/// <c>IF EXISTS (SELECT * FROM #tmpErrors) ROLLBACK</c>, stop the deployment after the schema change. DROP TABLE is not
/// a use (DacFx's drops are guarded by OBJECT_ID); module bodies (procedures, functions, triggers, views) have their
/// own scope and are left out, as is dynamic SQL.
/// </summary>
public sealed class TempTablesLiveInTheirOwnSession : IDeploymentInvariant
{
    public string Name => "a temporary table is used only on the session that created it";

    public IReadOnlyList<string> Check(RehearsalScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var created = new Dictionary<int, HashSet<string>>();
        var violations = new List<string>();
        foreach (var statement in script.Statements.OrderBy(s => s.Position))
        {
            if (!created.TryGetValue(statement.Session, out var tables))
            {
                tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                created[statement.Session] = tables;
            }

            TSqlFragment? uses = statement.Fragment switch
            {
                CreateTableStatement or DropTableStatement or BeginEndBlockStatement or TryCatchStatement
                    or ProcedureStatementBody or FunctionStatementBody or TriggerStatementBody or ViewStatementBody => null,
                IfStatement i => i.Predicate,
                WhileStatement w => w.Predicate,
                _ => statement.Fragment,
            };
            if (uses is not null)
            {
                violations.AddRange(TempTables(uses).Where(t => !tables.Contains(t))
                    .Select(t => $"{t} is used on session {statement.Session}, which did not create it: {statement.Describe()}"));
            }

            switch (statement.Fragment)
            {
                case CreateTableStatement c when IsLocalTemp(c.SchemaObjectName):
                    tables.Add(c.SchemaObjectName.BaseIdentifier.Value);
                    break;
                case SelectStatement { Into: { } into } when IsLocalTemp(into):
                    tables.Add(into.BaseIdentifier.Value);
                    break;
            }
        }

        return violations;
    }

    private static bool IsLocalTemp(SchemaObjectName name) =>
        name.BaseIdentifier.Value.StartsWith('#') && !name.BaseIdentifier.Value.StartsWith("##", StringComparison.Ordinal);

    private static HashSet<string> TempTables(TSqlFragment fragment)
    {
        var visitor = new TempTableVisitor();
        fragment.Accept(visitor);
        return visitor.Names;
    }

    private sealed class TempTableVisitor : TSqlFragmentVisitor
    {
        public HashSet<string> Names { get; } = new(StringComparer.OrdinalIgnoreCase);

        public override void Visit(SchemaObjectName node)
        {
            if (IsLocalTemp(node))
            {
                Names.Add(node.BaseIdentifier.Value);
            }
        }
    }
}
