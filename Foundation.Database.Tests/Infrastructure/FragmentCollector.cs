using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Infrastructure;

/// <summary>Collects the fragments of one ScriptDom type under a fragment, in script order.</summary>
public sealed class FragmentCollector : TSqlFragmentVisitor
{
    private readonly List<TSqlFragment> _found = [];

    public static IReadOnlyList<T> Collect<T>(TSqlFragment fragment)
        where T : TSqlFragment
    {
        var collector = new FragmentCollector();
        fragment.Accept(collector);
        return [.. collector._found.OfType<T>()];
    }

    public override void Visit(TSqlFragment fragment) => _found.Add(fragment);
}
