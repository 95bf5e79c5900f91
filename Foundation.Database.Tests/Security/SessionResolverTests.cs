using System.Text.RegularExpressions;
using Foundation.Database.Tests.Infrastructure;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Security;

/// <summary>
/// FoundationSessionResolver is the one principal the predicates let read every row: these tests keep its use to the
/// three reviewed procedures, keep sp_set_session_context in one place, and keep the session procedures' own trust
/// check (the seal) free of any principal bypass.
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
            ["[Api].[usp_GetUserForSignIn]", "[Security].[usp_SetReportingSessionContext]", "[Security].[usp_SetSessionContext]"],
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
    public void SessionResolver_IsGrantedConnectAndNothingElse()
    {
        var statements = ModelScripts.PermissionStatements(BuiltModel.Model)
            .Where(s => s.Contains("FoundationSessionResolver", StringComparison.Ordinal));

        Assert.Equal(["GRANT CONNECT TO [FoundationSessionResolver];"], statements);
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
    public void SessionContextState_LooksAtEveryKeyTheHashCovers()
    {
        var hashed = ContextKey().Matches(Function("fn_SessionContextHash")).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var state = Function("fn_SessionContextState");

        Assert.NotEmpty(hashed);
        Assert.All(hashed, key => Assert.Contains($"{key} IS NULL", state, StringComparison.Ordinal));
    }

    [Fact]
    public void SessionSeal_TrustsNoPrincipal_SoTheSessionProceduresCannotBeFooledByTheirOwnContext()
    {
        var scripts = FunctionsReachedFrom("fn_SessionContextState");

        Assert.Contains(scripts.Keys, name => name == "[Security].[fn_SessionSeal]");
        Assert.Contains(scripts.Keys, name => name == "[Security].[fn_ContextHash]");
        Assert.Empty(SealBypasses(scripts.Values));
    }

    [Fact]
    public void SealBypasses_FindsAPrincipalTest_InABrokenCopy()
    {
        var scripts = FunctionsReachedFrom("fn_SessionContextState");
        var seal = scripts["[Security].[fn_SessionSeal]"];
        scripts["[Security].[fn_SessionSeal]"] = seal.Replace(
            "WHERE [seal].[SessionId] = @@SPID",
            "WHERE [seal].[SessionId] = @@SPID OR DATABASE_PRINCIPAL_ID() = DATABASE_PRINCIPAL_ID(N'FoundationSessionResolver')",
            StringComparison.Ordinal);

        Assert.NotEqual(seal, scripts["[Security].[fn_SessionSeal]"]);
        Assert.NotEmpty(SealBypasses(scripts.Values));
    }

    [Fact]
    public void SessionProcedures_CheckTheExistingContextThroughTheSealOnly()
    {
        foreach (var name in new[] { "usp_SetSessionContext", "usp_SetReportingSessionContext", "usp_SetDeploymentSessionContext", "usp_EstablishUserSession", "usp_SealSessionContext" })
        {
            var script = ModelScripts.OneLine(BuiltModel.Model.GetObject(Procedure.TypeClass, new ObjectIdentifier("Security", name), DacQueryScopes.UserDefined));

            Assert.DoesNotContain("fn_SessionIsTrusted", script, StringComparison.Ordinal);
            if (name is not ("usp_SetSessionContext" or "usp_SetReportingSessionContext"))
            {
                Assert.Contains("[Security].[fn_SessionContextState]", script, StringComparison.Ordinal);
            }
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

    /// <summary>Every way the function could trust a principal instead of the seal: a principal function or the resolver's name.</summary>
    private static List<string> SealBypasses(IEnumerable<string> scripts) =>
        scripts.SelectMany(script => PrincipalReference().Matches(script).Select(m => m.Value)).ToList();

    /// <summary>The one-line scripts of the function and of every function it reaches, by name.</summary>
    private static Dictionary<string, string> FunctionsReachedFrom(string name)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<TSqlObject>([BuiltModel.Model.GetObject(TableValuedFunction.TypeClass, new ObjectIdentifier("Security", name), DacQueryScopes.UserDefined)]);
        while (pending.Count > 0)
        {
            var function = pending.Pop();
            if (found.TryAdd(function.Name.ToString(), ModelScripts.OneLine(function)))
            {
                foreach (var next in function.GetReferenced(TableValuedFunction.BodyDependencies).Where(d => d.ObjectType == TableValuedFunction.TypeClass))
                {
                    pending.Push(next);
                }
            }
        }

        return found;
    }

    private static string Function(string name) =>
        ModelScripts.OneLine(BuiltModel.Model.GetObject(TableValuedFunction.TypeClass, new ObjectIdentifier("Security", name), DacQueryScopes.UserDefined));

    [GeneratedRegex(@"(DATABASE_PRINCIPAL_ID|USER_ID|USER_NAME|SUSER_\w+|ORIGINAL_LOGIN|IS_MEMBER|IS_ROLEMEMBER|HAS_PERMS_BY_NAME)\s*\(|FoundationSessionResolver|\b(CURRENT_USER|SESSION_USER|SYSTEM_USER)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PrincipalReference();

    [GeneratedRegex(@"EXEC(UTE)?\s+AS\s+N?'FoundationSessionResolver'", RegexOptions.IgnoreCase)]
    private static partial Regex ExecuteAsResolver();

    [GeneratedRegex(@"EXEC(UTE)?\s+(\[?sys\]?\.)?\[?sp_set_session_context", RegexOptions.IgnoreCase)]
    private static partial Regex SetSessionContextCall();

    [GeneratedRegex(@"SESSION_CONTEXT\(N'Foundation\.[A-Za-z]+'\)")]
    private static partial Regex ContextKey();
}
