using Foundation.Database.Tests.Infrastructure;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Security;

/// <summary>
/// The security rules that can be proven on the built model without a server (docs/security.md names each), and for
/// each the proof that its check fails on a deliberately broken copy.
/// </summary>
public sealed class SecurityInvariantTests
{
    private const string ThrowawayCatalogue = """
        CREATE SCHEMA [Security] AUTHORIZATION [dbo];
        GO
        CREATE SCHEMA [Identity] AUTHORIZATION [dbo];
        GO
        CREATE TABLE [Identity].[UserRoles] ([UserRoleId] INT NOT NULL CONSTRAINT [PK_Identity_UserRoles] PRIMARY KEY, [TenantId] INT NOT NULL, [RoleId] INT NOT NULL);
        GO
        CREATE TABLE [Identity].[Roles] ([RoleId] INT NOT NULL CONSTRAINT [PK_Identity_Roles] PRIMARY KEY);
        GO
        CREATE TABLE [Identity].[Permissions] ([PermissionId] INT NOT NULL CONSTRAINT [PK_Identity_Permissions] PRIMARY KEY);
        GO
        CREATE TABLE [Identity].[RolePermissions] ([RoleId] INT NOT NULL, [PermissionId] INT NOT NULL, CONSTRAINT [PK_Identity_RolePermissions] PRIMARY KEY ([RoleId], [PermissionId]));
        GO
        CREATE FUNCTION [Security].[fn_TenantPermissionPredicate](@TenantId INT, @PermissionCode VARCHAR(71))
        RETURNS TABLE WITH SCHEMABINDING AS RETURN SELECT 1 AS [AccessResult] WHERE @TenantId = TRY_CAST(SESSION_CONTEXT(N'Foundation.TenantId') AS INT);
        GO
        CREATE FUNCTION [Security].[fn_AssignmentPredicate](@TenantId INT, @RoleId INT, @PermissionCode VARCHAR(71))
        RETURNS TABLE WITH SCHEMABINDING AS RETURN SELECT 1 AS [AccessResult] WHERE @TenantId = TRY_CAST(SESSION_CONTEXT(N'Foundation.TenantId') AS INT) AND @RoleId > 0;
        GO
        CREATE FUNCTION [Security].[fn_CataloguePredicate](@PermissionCode VARCHAR(71))
        RETURNS TABLE WITH SCHEMABINDING AS RETURN SELECT 1 AS [AccessResult] WHERE SESSION_CONTEXT(N'Foundation.IsSystem') = 1;
        """;

    [Fact]
    public void Grants_KeepImpersonationAndRoleMembershipOutOfReach()
    {
        var violations = GrantRules.FindViolations(ModelScripts.PermissionStatements(BuiltModel.Model));

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Theory]
    [InlineData("GRANT EXECUTE ON OBJECT::[Security].[usp_SetSessionContext] TO [FoundationReporting];", "Only [FoundationApplication] may execute")]
    [InlineData("GRANT EXECUTE ON SCHEMA::[Security] TO [FoundationMonitoring];", "Only [FoundationApplication] may execute")]
    [InlineData("GRANT ALTER ON ROLE::[FoundationApplication] TO [FoundationSecurityAdmin];", "must not change the membership")]
    [InlineData("GRANT ALTER ANY ROLE TO [FoundationSecurityAdmin];", "must not change the membership")]
    [InlineData("GRANT VIEW DATABASE PERFORMANCE STATE TO [FoundationMonitoring];", "EXECUTE on the Monitoring schema only")]
    [InlineData("ALTER ROLE [db_securityadmin] ADD MEMBER [FoundationSecurityAdmin];", "made a member of another role")]
    public void GrantRules_FindTheBrokenStatement_InABrokenCopy(string added, string expected)
    {
        var statements = ModelScripts.PermissionStatements(BuiltModel.Model).Append(added).ToList();

        Assert.Contains(GrantRules.FindViolations(statements), v => v.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("DENY EXECUTE ON OBJECT::[Security].[usp_SetSessionContext] TO [FoundationReporting];")]
    [InlineData("DENY ALTER ON ROLE::[FoundationReporting] TO [FoundationSecurityAdmin];")]
    public void GrantRules_FindAMissingDenial_InABrokenCopy(string removed)
    {
        var statements = ModelScripts.PermissionStatements(BuiltModel.Model).Where(s => s != removed).ToList();

        Assert.Contains(GrantRules.FindViolations(statements), v => v.Contains($"Missing: {removed}", StringComparison.Ordinal));
    }

    [Fact]
    public void NoModule_RecognisesAPrincipalByName()
    {
        var found = BuiltModel.Model.GetObjects(DacQueryScopes.UserDefined, Procedure.TypeClass, TableValuedFunction.TypeClass, ScalarFunction.TypeClass)
            .SelectMany(m => PrincipalNameComparisons.In(Script(m)).Select(c => $"{m.Name}: {c}"))
            .ToList();

        Assert.True(found.Count == 0, "Principals recognised by name:\n" + string.Join("\n", found));
    }

    [Theory]
    [InlineData("WHERE USER_NAME() = N'FoundationSessionResolver'")]
    [InlineData("WHERE N'FoundationApplication' = SUSER_SNAME()")]
    [InlineData("WHERE CURRENT_USER IN (N'dbo', N'FoundationSessionResolver')")]
    [InlineData("WHERE ORIGINAL_LOGIN() LIKE N'%admin%'")]
    public void PrincipalNameComparisons_FindTheComparison_InABrokenCopy(string where)
    {
        var script = $"CREATE FUNCTION [Security].[fn_Broken]() RETURNS TABLE WITH SCHEMABINDING AS RETURN SELECT 1 AS [AccessResult] {where};";

        Assert.Single(PrincipalNameComparisons.In(script));
    }

    [Fact]
    public void PrincipalNameComparisons_AcceptAPrincipalIdComparison()
    {
        var script = "CREATE FUNCTION [Security].[fn_Good]() RETURNS TABLE WITH SCHEMABINDING AS RETURN SELECT 1 AS [AccessResult] WHERE DATABASE_PRINCIPAL_ID() = DATABASE_PRINCIPAL_ID(N'FoundationSessionResolver');";

        Assert.Empty(PrincipalNameComparisons.In(script));
    }

    [Fact]
    public void DelegationPredicates_AreWiredToEveryWriteOfAssignmentsAndCatalogues()
    {
        var violations = DelegationWiring.FindViolations(BuiltModel.Model);

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void DelegationWiring_FindsAnUnhookedWrite_InABrokenCopy()
    {
        var model = ThrowawayModel.Build(
            ThrowawayCatalogue,
            """
            CREATE SECURITY POLICY [Security].[PermissionAccessPolicy]
                ADD BLOCK PREDICATE [Security].[fn_AssignmentPredicate]([TenantId], [RoleId], 'assignments.manage') ON [Identity].[UserRoles] AFTER INSERT,
                ADD BLOCK PREDICATE [Security].[fn_TenantPermissionPredicate]([TenantId], 'assignments.manage') ON [Identity].[UserRoles] BEFORE UPDATE,
                ADD BLOCK PREDICATE [Security].[fn_AssignmentPredicate]([TenantId], [RoleId], 'assignments.manage') ON [Identity].[UserRoles] AFTER UPDATE,
                ADD BLOCK PREDICATE [Security].[fn_AssignmentPredicate]([TenantId], [RoleId], 'assignments.manage') ON [Identity].[UserRoles] BEFORE DELETE,
                ADD BLOCK PREDICATE [Security].[fn_CataloguePredicate]('roles.manage') ON [Identity].[Roles],
                ADD BLOCK PREDICATE [Security].[fn_CataloguePredicate]('permissions.manage') ON [Identity].[Permissions] AFTER INSERT,
                ADD BLOCK PREDICATE [Security].[fn_CataloguePredicate]('permissions.manage') ON [Identity].[Permissions] BEFORE UPDATE,
                ADD BLOCK PREDICATE [Security].[fn_CataloguePredicate]('grants.manage') ON [Identity].[RolePermissions] AFTER INSERT
            WITH (STATE = ON, SCHEMABINDING = ON);
            """);

        var violations = DelegationWiring.FindViolations(model);

        Assert.Contains(violations, v => v.StartsWith("[Identity].[UserRoles]: the BeforeUpdate block predicate must call [Security].[fn_AssignmentPredicate]", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("[Identity].[Permissions]: the BeforeDelete block predicate", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("[Identity].[RolePermissions]: the BeforeUpdate block predicate", StringComparison.Ordinal));
        Assert.DoesNotContain(violations, v => v.StartsWith("[Identity].[Roles]", StringComparison.Ordinal));
        Assert.Equal(4, violations.Count);
    }

    [Fact]
    public void SealProcedure_WritesTheSealBeforeAnyKey_AndTheNonceLast()
    {
        Assert.Empty(SealOrder.FindViolations(SealProcedure()));
    }

    [Fact]
    public void SealOrder_FindsKeysBeforeTheSeal_InABrokenCopy()
    {
        var script = SealProcedure();
        var keys = script.IndexOf("    IF @UserId IS NOT NULL\n", StringComparison.Ordinal);
        var seal = script.IndexOf("    BEGIN TRANSACTION;", StringComparison.Ordinal);
        Assert.True(keys > seal && seal > 0, "The fixture no longer finds the key block and the transaction of usp_SealSessionContext.");
        var broken = script[..seal] + script[keys..script.LastIndexOf("END;", StringComparison.Ordinal)] + script[seal..keys] + "END;";

        var violations = SealOrder.FindViolations(broken);

        Assert.Contains(violations, v => v == "Key Foundation.UserId is set before the seal is committed.");
        Assert.Contains(violations, v => v == "Key Foundation.SessionNonce is set before the seal is committed.");
    }

    [Fact]
    public void SealOrder_FindsANonceThatIsNotLast_InABrokenCopy()
    {
        var broken = SealProcedure().Replace(
            "    EXECUTE [Security].[usp_SetReadOnlySessionKey] @Key = N'Foundation.SessionNonce', @Value = @Nonce;\n",
            string.Empty,
            StringComparison.Ordinal).Replace(
            "    IF @UserId IS NOT NULL\n",
            "    EXECUTE [Security].[usp_SetReadOnlySessionKey] @Key = N'Foundation.SessionNonce', @Value = @Nonce;\n    IF @UserId IS NOT NULL\n",
            StringComparison.Ordinal);

        Assert.Contains(SealOrder.FindViolations(broken), v => v == "The last key set is Foundation.IsSystem, not Foundation.SessionNonce.");
    }

    [Fact]
    public void OnlyTheSealProcedure_SetsSessionKeys()
    {
        var callers = BuiltModel.Model.GetObjects(DacQueryScopes.UserDefined, Procedure.TypeClass)
            .Where(p => p.GetReferenced(Procedure.BodyDependencies).Any(d => d.Name.ToString() == "[Security].[usp_SetReadOnlySessionKey]"))
            .Select(p => p.Name.ToString());

        Assert.Equal(["[Security].[usp_SealSessionContext]"], callers);
    }

    private static string SealProcedure() =>
        Script(BuiltModel.Model.GetObject(Procedure.TypeClass, new ObjectIdentifier("Security", "usp_SealSessionContext"), DacQueryScopes.UserDefined));

    private static string Script(TSqlObject module) =>
        module.TryGetScript(out var script) ? script.ReplaceLineEndings("\n") : throw new InvalidOperationException($"{module.Name} has no script.");
}
