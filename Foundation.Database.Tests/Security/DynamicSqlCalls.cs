using Foundation.Database.Tests.Infrastructure;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Security;

/// <summary>
/// Finds dynamic SQL in a module: EXECUTE of a string (<c>EXEC (@sql)</c>), EXECUTE of a procedure held in a variable,
/// and sp_executesql or sp_sqlexec. Used on the procedures post-deployment step 070 signs: a certificate signature is
/// meant for dynamic SQL ("Signing Stored Procedures in SQL Server": for scenarios "when the ownership chain is broken,
/// such as dynamic SQL"), so its permissions reach any statement the module builds at run time, and 070 signs every
/// procedure of the Monitoring schema without a review of its own.
/// </summary>
public sealed class DynamicSqlCalls : TSqlFragmentVisitor
{
    private static readonly HashSet<string> _dynamicProcedures = new(["sp_executesql", "sp_sqlexec"], StringComparer.OrdinalIgnoreCase);

    private readonly List<string> _found = [];

    /// <summary>Every dynamic SQL call in the script, as its text.</summary>
    public static IReadOnlyList<string> In(string script)
    {
        var fragment = SqlCmdScript.Parse(script);
        var visitor = new DynamicSqlCalls();
        fragment.Accept(visitor);
        return visitor._found;
    }

    public override void ExplicitVisit(ExecutableStringList node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _found.Add(Text(node));
        base.ExplicitVisit(node);
    }

    public override void ExplicitVisit(ExecutableProcedureReference node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var reference = node.ProcedureReference;
        if (reference.ProcedureVariable is not null
            || (reference.ProcedureReference?.Name?.BaseIdentifier?.Value is { } name && _dynamicProcedures.Contains(name)))
        {
            _found.Add(Text(node));
        }

        base.ExplicitVisit(node);
    }

    private static string Text(TSqlFragment fragment) =>
        string.Concat(Enumerable.Range(fragment.FirstTokenIndex, fragment.LastTokenIndex - fragment.FirstTokenIndex + 1)
            .Select(i => fragment.ScriptTokenStream[i].Text));
}
