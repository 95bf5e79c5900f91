using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Security;

/// <summary>
/// The build-time row-level security guard, over a DacFx model (the built dacpac, or a throwaway model in its tests).
/// It reports a violation when
/// <list type="bullet">
/// <item>a table with a TenantId column lacks an enabled filter predicate that reads that column, or (unless it is a
/// system-versioned history table, which nobody can write) a block predicate for AFTER INSERT, BEFORE UPDATE,
/// AFTER UPDATE or BEFORE DELETE that reads it;</item>
/// <item>a table without TenantId is not on the global-table allow-list, or an allow-list entry names a table that is
/// gone or has a TenantId;</item>
/// <item>a security policy is disabled or not schema-bound;</item>
/// <item>a function a predicate calls, directly or through other functions, is not an inline table-valued function
/// created WITH SCHEMABINDING;</item>
/// <item>such a function reads a table that a FILTER predicate covers: a row hidden from the session would then look
/// like a missing row, and a rule written with NOT EXISTS would open instead of close (fail-open);</item>
/// <item>a policy covers more than one tenant table (counting a history table as its current table), so that dropping
/// and recreating one policy (DacFx does it whenever a predicate function changes) leaves at most one tenant table
/// unprotected for the moment.</item>
/// </list>
/// </summary>
public static class RowLevelSecurityGuard
{
    public const string TenantColumn = "TenantId";

    private static readonly SecurityPredicateOperation[] _writeOperations =
    [
        SecurityPredicateOperation.AfterInsert,
        SecurityPredicateOperation.BeforeUpdate,
        SecurityPredicateOperation.AfterUpdate,
        SecurityPredicateOperation.BeforeDelete,
    ];

    public static IReadOnlyList<string> FindViolations(TSqlModel model, GlobalTableAllowList allowList)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(allowList);

        var violations = new List<string>();
        var tables = model.GetObjects(DacQueryScopes.UserDefined, Table.TypeClass).ToList();
        var historyTables = tables
            .SelectMany(t => t.GetReferenced(Table.TemporalSystemVersioningHistoryTable))
            .Select(Key)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var policies = model.GetObjects(DacQueryScopes.UserDefined, SecurityPolicy.TypeClass).ToList();
        foreach (var policy in policies)
        {
            if (!policy.GetProperty<bool>(SecurityPolicy.Enabled))
            {
                violations.Add($"Security policy {policy.Name} is not enabled (STATE = OFF): its predicates protect nothing.");
            }

            if (!policy.GetProperty<bool>(SecurityPolicy.IsSchemaBound))
            {
                violations.Add($"Security policy {policy.Name} is not schema-bound (SCHEMABINDING = OFF).");
            }
        }

        var predicates = policies
            .Where(p => p.GetProperty<bool>(SecurityPolicy.Enabled))
            .SelectMany(p => p.GetReferenced(SecurityPolicy.Predicates))
            .ToList();

        foreach (var table in tables)
        {
            var key = Key(table);
            var tenantColumn = table.GetReferenced(Table.Columns)
                .FirstOrDefault(c => string.Equals(c.Name.Parts[^1], TenantColumn, StringComparison.OrdinalIgnoreCase));

            if (tenantColumn is null)
            {
                if (!allowList.Contains(table.Name.Parts[0], table.Name.Parts[1]))
                {
                    violations.Add(
                        $"Table {table.Name} has no {TenantColumn} column and is not on the global-table allow-list (Security/GlobalTables.json). " +
                        $"Add a {TenantColumn} and cover it with row-level security, or list it there with the reason it holds no tenant's data.");
                }

                continue;
            }

            if (allowList.Contains(table.Name.Parts[0], table.Name.Parts[1]))
            {
                violations.Add($"Table {table.Name} is on the global-table allow-list but has a {TenantColumn} column: remove it from Security/GlobalTables.json.");
            }

            var onTable = predicates
                .Where(p => p.GetReferenced(SecurityPredicate.TargetObject).Any(t => SameName(t, table)))
                .Where(p => p.GetReferenced(SecurityPredicate.BodyDependencies).Any(d => SameName(d, tenantColumn)))
                .ToList();

            if (!onTable.Any(p => p.GetProperty<SecurityPredicateType>(SecurityPredicate.PredicateType) == SecurityPredicateType.Filter))
            {
                violations.Add($"Tenant table {table.Name} has no FILTER predicate on {TenantColumn} in an enabled security policy.");
            }

            if (historyTables.Contains(key))
            {
                continue;
            }

            foreach (var operation in _writeOperations)
            {
                if (!onTable.Any(p => p.GetProperty<SecurityPredicateType>(SecurityPredicate.PredicateType) == SecurityPredicateType.Block
                        && p.GetProperty<SecurityPredicateOperation>(SecurityPredicate.Operation) is var covered
                        && (covered == operation || covered == SecurityPredicateOperation.All)))
                {
                    violations.Add($"Tenant table {table.Name} has no BLOCK predicate on {TenantColumn} for {Describe(operation)} in an enabled security policy.");
                }
            }
        }

        foreach (var listed in allowList.Reasons.Keys)
        {
            if (!tables.Any(t => string.Equals(Key(t), listed, StringComparison.OrdinalIgnoreCase)))
            {
                violations.Add($"The global-table allow-list names {listed}, which is not a table of the model: remove the entry.");
            }
        }

        violations.AddRange(PoliciesCoveringSeveralTenantTables(policies, tables));

        var filtered = predicates
            .Where(p => p.GetProperty<SecurityPredicateType>(SecurityPredicate.PredicateType) == SecurityPredicateType.Filter)
            .SelectMany(p => p.GetReferenced(SecurityPredicate.TargetObject))
            .Select(Key)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var checkedFunctions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<TSqlObject>(policies
            .SelectMany(p => p.GetReferenced(SecurityPolicy.Predicates))
            .SelectMany(p => p.GetReferenced(SecurityPredicate.BodyDependencies)));
        while (pending.Count > 0)
        {
            var dependency = pending.Pop();
            if (!IsFunction(dependency) || !checkedFunctions.Add(dependency.Name.ToString()))
            {
                continue;
            }

            violations.AddRange(CheckPredicateFunction(dependency));
            var body = (dependency.ObjectType == TableValuedFunction.TypeClass
                ? dependency.GetReferenced(TableValuedFunction.BodyDependencies)
                : dependency.GetReferenced(ScalarFunction.BodyDependencies)).ToList();
            foreach (var read in body.Where(d => d.ObjectType == Table.TypeClass && filtered.Contains(Key(d))))
            {
                violations.Add(
                    $"Function {dependency.Name}, used by a security predicate, reads {read.Name}, which a FILTER predicate covers: " +
                    "rows hidden from the session would look absent to the rule (fail-open). Read only tables no filter covers.");
            }

            foreach (var inner in body)
            {
                pending.Push(inner);
            }
        }

        return violations;
    }

    private static IEnumerable<string> PoliciesCoveringSeveralTenantTables(IEnumerable<TSqlObject> policies, IReadOnlyList<TSqlObject> tables)
    {
        // A history table counts as the table it keeps the history of.
        var currentOf = tables
            .SelectMany(t => t.GetReferenced(Table.TemporalSystemVersioningHistoryTable).Select(h => (History: Key(h), Current: Key(t))))
            .ToDictionary(x => x.History, x => x.Current, StringComparer.OrdinalIgnoreCase);
        var tenantTables = tables
            .Where(t => t.GetReferenced(Table.Columns).Any(c => string.Equals(c.Name.Parts[^1], TenantColumn, StringComparison.OrdinalIgnoreCase)))
            .Select(Key)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        foreach (var policy in policies)
        {
            var covered = policy.GetReferenced(SecurityPolicy.Predicates)
                .SelectMany(p => p.GetReferenced(SecurityPredicate.TargetObject))
                .Select(Key)
                .Where(tenantTables.Contains)
                .Select(t => currentOf.GetValueOrDefault(t, t))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Order(StringComparer.OrdinalIgnoreCase)
                .ToList();
            if (covered.Count > 1)
            {
                yield return $"Security policy {policy.Name} covers {covered.Count} tenant tables ({string.Join(", ", covered)}): " +
                    "give each tenant table (with its history table) a policy of its own, so that a drop and recreate unprotects one table only.";
            }
        }
    }

    private static IEnumerable<string> CheckPredicateFunction(TSqlObject function)
    {
        if (function.ObjectType != TableValuedFunction.TypeClass
            || function.GetMetadata<FunctionType>(TableValuedFunction.FunctionType) != FunctionType.InlineTableValuedFunction)
        {
            yield return $"Function {function.Name}, used by a security predicate, is not an inline table-valued function.";
            yield break;
        }

        if (!function.GetProperty<bool>(TableValuedFunction.WithSchemaBinding))
        {
            yield return $"Function {function.Name}, used by a security predicate, is not created WITH SCHEMABINDING.";
        }
    }

    private static bool IsFunction(TSqlObject candidate) =>
        candidate.ObjectType == TableValuedFunction.TypeClass || candidate.ObjectType == ScalarFunction.TypeClass;

    private static string Key(TSqlObject table) => $"{table.Name.Parts[0]}.{table.Name.Parts[1]}";

    private static bool SameName(TSqlObject left, TSqlObject right) =>
        string.Equals(left.Name.ToString(), right.Name.ToString(), StringComparison.OrdinalIgnoreCase);

    private static string Describe(SecurityPredicateOperation operation) => operation switch
    {
        SecurityPredicateOperation.AfterInsert => "AFTER INSERT",
        SecurityPredicateOperation.BeforeUpdate => "BEFORE UPDATE",
        SecurityPredicateOperation.AfterUpdate => "AFTER UPDATE",
        SecurityPredicateOperation.BeforeDelete => "BEFORE DELETE",
        _ => operation.ToString(),
    };
}
