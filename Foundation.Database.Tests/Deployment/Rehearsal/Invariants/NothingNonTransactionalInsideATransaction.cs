using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Deployment.Rehearsal.Invariants;

/// <summary>
/// Nothing that SQL Server refuses inside a user transaction (ALTER/CREATE/DROP DATABASE, BACKUP, RESTORE, full-text
/// catalog and index statements, RECONFIGURE) runs inside one: the tool runs the pre-deployment script and the schema
/// change as one transaction, so such a statement there would fail every deployment.
/// </summary>
public sealed class NothingNonTransactionalInsideATransaction : IDeploymentInvariant
{
    public string Name => "nothing that cannot run in a transaction runs inside one";

    public IReadOnlyList<string> Check(RehearsalScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        return script.Statements
            .Where(s => script.Depths.Before(s) > 0 && IsNonTransactional(s.Fragment))
            .Select(s => "inside a transaction: " + s.Describe())
            .ToList();
    }

    private static bool IsNonTransactional(TSqlStatement statement) => statement is AlterDatabaseStatement or CreateDatabaseStatement
        or DropDatabaseStatement or BackupStatement or RestoreStatement or CreateFullTextCatalogStatement or AlterFullTextCatalogStatement
        or DropFullTextCatalogStatement or CreateFullTextIndexStatement or AlterFullTextIndexStatement or DropFullTextIndexStatement
        or ReconfigureStatement;
}
