using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Security;

/// <summary>
/// The block predicates that stop escalation through delegation are wired where they must be: every write to
/// [Identity].[UserRoles] (AFTER INSERT, BEFORE UPDATE, AFTER UPDATE, BEFORE DELETE) goes through
/// [Security].[fn_AssignmentPredicate] with the row's RoleId, and every write to the global catalogues
/// [Identity].[Roles], [Identity].[Permissions], [Identity].[RolePermissions] (AFTER INSERT, BEFORE UPDATE,
/// BEFORE DELETE) through [Security].[fn_CataloguePredicate]. What the functions decide is tested by the tSQLt classes
/// DelegationTests and the live DelegationLiveTests; this keeps a policy edit from unhooking them silently.
/// </summary>
public static class DelegationWiring
{
    private const string AssignmentFunction = "[Security].[fn_AssignmentPredicate]";
    private const string CatalogueFunction = "[Security].[fn_CataloguePredicate]";

    private static readonly SecurityPredicateOperation[] _allWrites =
        [SecurityPredicateOperation.AfterInsert, SecurityPredicateOperation.BeforeUpdate, SecurityPredicateOperation.AfterUpdate, SecurityPredicateOperation.BeforeDelete];

    private static readonly SecurityPredicateOperation[] _catalogueWrites =
        [SecurityPredicateOperation.AfterInsert, SecurityPredicateOperation.BeforeUpdate, SecurityPredicateOperation.BeforeDelete];

    public static IReadOnlyList<string> FindViolations(TSqlModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var blocks = model.GetObjects(DacQueryScopes.UserDefined, SecurityPolicy.TypeClass)
            .Where(p => p.GetProperty<bool>(SecurityPolicy.Enabled))
            .SelectMany(p => p.GetReferenced(SecurityPolicy.Predicates))
            .Where(p => p.GetProperty<SecurityPredicateType>(SecurityPredicate.PredicateType) == SecurityPredicateType.Block)
            .ToList();

        var violations = new List<string>();
        violations.AddRange(Check(blocks, "[Identity].[UserRoles]", _allWrites, AssignmentFunction, "[Identity].[UserRoles].[RoleId]"));
        foreach (var catalogue in new[] { "[Identity].[Roles]", "[Identity].[Permissions]", "[Identity].[RolePermissions]" })
        {
            violations.AddRange(Check(blocks, catalogue, _catalogueWrites, CatalogueFunction, requiredColumn: null));
        }

        return violations;
    }

    private static IEnumerable<string> Check(
        List<TSqlObject> blocks, string table, SecurityPredicateOperation[] operations, string function, string? requiredColumn)
    {
        foreach (var operation in operations)
        {
            var covering = blocks
                .Where(p => p.GetReferenced(SecurityPredicate.TargetObject).Any(t => t.Name.ToString() == table))
                .Where(p => p.GetProperty<SecurityPredicateOperation>(SecurityPredicate.Operation) is var covered
                    && (covered == operation || covered == SecurityPredicateOperation.All))
                .ToList();
            var wired = covering.Any(p =>
                p.GetReferenced(SecurityPredicate.BodyDependencies).Any(d => d.Name.ToString() == function)
                && (requiredColumn is null || p.GetReferenced(SecurityPredicate.BodyDependencies).Any(d => d.Name.ToString() == requiredColumn)));
            if (!wired)
            {
                yield return $"{table}: the {operation} block predicate must call {function}{(requiredColumn is null ? string.Empty : $" with {requiredColumn}")}; found {(covering.Count == 0 ? "none" : string.Join(", ", covering.SelectMany(p => p.GetReferenced(SecurityPredicate.BodyDependencies)).Where(d => d.ObjectType == TableValuedFunction.TypeClass).Select(d => d.Name.ToString())))}.";
            }
        }
    }
}
