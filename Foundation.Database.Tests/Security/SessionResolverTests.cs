using System.Text.RegularExpressions;
using Foundation.Database.Tests.Infrastructure;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Security;

/// <summary>
/// FoundationSessionResolver is the one principal the predicates let read every row: these tests keep its use to the
/// three reviewed procedures, and keep sp_set_session_context in one place.
/// </summary>
public sealed partial class SessionResolverTests
{
    [Fact]
    public void OnlyTheReviewedProcedures_RunAsTheSessionResolver()
    {
        var modules = BuiltModel.Model.GetObjects(DacQueryScopes.UserDefined, Procedure.TypeClass)
            .Where(p => p.GetReferenced(Procedure.User).Any(u => u.Name.ToString() == "[FoundationSessionResolver]"))
            .Select(p => p.Name.ToString())
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            ["[Api].[usp_GetUserForSignIn]", "[Security].[usp_SetDeploymentSessionContext]", "[Security].[usp_SetSessionContext]"],
            modules);
    }

    [Fact]
    public void NoFunctionOrTrigger_RunsAsTheSessionResolver()
    {
        var functions = BuiltModel.Model.GetObjects(DacQueryScopes.UserDefined, TableValuedFunction.TypeClass, ScalarFunction.TypeClass)
            .Where(f => ModelScripts.OneLine(f).Contains("FoundationSessionResolver'", StringComparison.Ordinal)
                && ExecuteAsResolver().IsMatch(ModelScripts.OneLine(f)));

        Assert.Empty(functions);
    }

    [Fact]
    public void SessionResolver_IsGrantedNothing()
    {
        var statements = ModelScripts.PermissionStatements(BuiltModel.Model);

        Assert.DoesNotContain(statements, s => s.Contains("FoundationSessionResolver", StringComparison.Ordinal));
    }

    [Fact]
    public void OnlyUspSetReadOnlySessionKey_CallsSpSetSessionContext()
    {
        var callers = BuiltModel.Model.GetObjects(DacQueryScopes.UserDefined, Procedure.TypeClass, TableValuedFunction.TypeClass, ScalarFunction.TypeClass)
            .Where(m => SetSessionContextCall().IsMatch(ModelScripts.OneLine(m)))
            .Select(m => m.Name.ToString())
            .ToList();

        Assert.Equal(["[Security].[usp_SetReadOnlySessionKey]"], callers);
    }

    [Fact]
    public void SessionProcedures_RefuseASessionWhoseKeysAreAlreadySet()
    {
        foreach (var name in new[] { "usp_SetSessionContext", "usp_SetDeploymentSessionContext" })
        {
            var script = ModelScripts.OneLine(BuiltModel.Model.GetObject(Procedure.TypeClass, new ObjectIdentifier("Security", name), DacQueryScopes.UserDefined));

            foreach (var key in new[] { "UserId", "TenantId", "IsSuperAdmin", "IsSystem", "Permissions", "SessionNonce" })
            {
                Assert.Contains($"SESSION_CONTEXT(N'Foundation.{key}') IS NOT NULL", script, StringComparison.Ordinal);
            }

            Assert.Contains("THROW 50200", script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ContextHash_CoversEveryKeyThePredicatesRead()
    {
        var hash = ModelScripts.OneLine(BuiltModel.Model.GetObject(TableValuedFunction.TypeClass, new ObjectIdentifier("Security", "fn_SessionContextHash"), DacQueryScopes.UserDefined));
        var keysRead = BuiltModel.Model.GetObjects(DacQueryScopes.UserDefined, TableValuedFunction.TypeClass)
            .Where(f => f.Name.Parts[0] == "Security")
            .SelectMany(f => ContextKey().Matches(ModelScripts.OneLine(f)).Select(m => m.Value))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(keysRead);
        Assert.All(keysRead, key => Assert.Contains(key, hash, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"EXEC(UTE)?\s+AS\s+N?'FoundationSessionResolver'", RegexOptions.IgnoreCase)]
    private static partial Regex ExecuteAsResolver();

    [GeneratedRegex(@"EXEC(UTE)?\s+(\[?sys\]?\.)?\[?sp_set_session_context", RegexOptions.IgnoreCase)]
    private static partial Regex SetSessionContextCall();

    [GeneratedRegex(@"SESSION_CONTEXT\(N'Foundation\.[A-Za-z]+'\)")]
    private static partial Regex ContextKey();
}
