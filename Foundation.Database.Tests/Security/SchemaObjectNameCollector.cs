using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Security;

/// <summary>Collects every schema object name in a script (tables, procedures, functions), except the CREATE's own name.</summary>
public sealed class SchemaObjectNameCollector : TSqlFragmentVisitor
{
    private readonly List<SchemaObjectName> _names = [];
    private SchemaObjectName? _created;

    public IReadOnlyList<SchemaObjectName> Names => _names.Where(n => !ReferenceEquals(n, _created)).ToList();

    public override void ExplicitVisit(CreateProcedureStatement node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _created = node.ProcedureReference.Name;
        base.ExplicitVisit(node);
    }

    public override void ExplicitVisit(SchemaObjectName node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _names.Add(node);
        base.ExplicitVisit(node);
    }
}
