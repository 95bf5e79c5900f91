using Foundation.Database.Tests.Infrastructure;
using Foundation.Deploy.Dacpacs;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Security;

/// <summary>
/// Every grant release 1.0.0 made that this release withdraws (the reporting principal's EXECUTE on usp_SetSessionContext,
/// the security admin's ALTER on the application and reporting roles, the monitoring role's direct DMV and metadata
/// permissions) is really withdrawn from databases that are upgraded, and every tools/sql script parses.
/// </summary>
public sealed class WithdrawnGrantTests
{
    private static readonly Lazy<IReadOnlyList<string>> _released = new(() =>
    {
        var baseline = ArtifactStore.LatestBaseline(Path.Combine(RepositoryPaths.Root, ArtifactStore.BaselinesRelativePath))
            ?? throw new InvalidOperationException("No release baseline under Fixtures/Baselines.");
        using var model = TSqlModel.LoadFromDacpac(baseline, new ModelLoadOptions { LoadAsScriptBackedModel = true });
        return ModelScripts.PermissionStatements(model);
    });

    private static string PostDeployment =>
        SqlCmdScript.ExpandForParsing(Path.Combine(RepositoryPaths.DatabaseProjectDirectory, "Scripts", "Script.PostDeployment.sql"));

    [Fact]
    public void EveryReleasedGrantTheModelDropped_IsDeniedOrRevokedOnUpgrade()
    {
        var current = ModelScripts.PermissionStatements(BuiltModel.Model);

        var violations = WithdrawnGrants.FindViolations(_released.Value, current, PostDeployment);

        Assert.NotEmpty(_released.Value.Except(current, StringComparer.Ordinal));
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Theory]
    [InlineData("REVOKE VIEW DATABASE PERFORMANCE STATE FROM [FoundationMonitoring];", "GRANT VIEW DATABASE PERFORMANCE STATE TO [FoundationMonitoring];")]
    [InlineData("REVOKE VIEW DEFINITION ON SCHEMA::[Identity] FROM [FoundationMonitoring];", "GRANT VIEW DEFINITION ON SCHEMA::[Identity] TO [FoundationMonitoring];")]
    public void WithdrawnGrants_FindAGrantNoLongerRevoked_InABrokenCopy(string revoke, string grant)
    {
        var current = ModelScripts.PermissionStatements(BuiltModel.Model);
        var broken = PostDeployment.Replace(revoke, string.Empty, StringComparison.Ordinal);

        Assert.NotEqual(PostDeployment, broken);
        Assert.Contains(WithdrawnGrants.FindViolations(_released.Value, current, broken), v => v.Contains($"'{grant}'", StringComparison.Ordinal));
    }

    [Fact]
    public void WithdrawnGrants_FindAGrantNoLongerDenied_InABrokenCopy()
    {
        var current = ModelScripts.PermissionStatements(BuiltModel.Model)
            .Where(s => s != "DENY EXECUTE ON OBJECT::[Security].[usp_SetSessionContext] TO [FoundationReporting];")
            .ToList();

        Assert.Contains(
            WithdrawnGrants.FindViolations(_released.Value, current, PostDeployment),
            v => v.Contains("'GRANT EXECUTE ON OBJECT::[Security].[usp_SetSessionContext] TO [FoundationReporting];'", StringComparison.Ordinal));
    }

    public static TheoryData<string> ToolScripts => new(Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "tools", "sql"), "*.sql", SearchOption.AllDirectories)
        .Select(path => Path.GetRelativePath(RepositoryPaths.Root, path).Replace('\\', '/'))
        .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(ToolScripts))]
    public void ToolScript_Parses(string script)
    {
        SqlCmdScript.Parse(SqlCmdScript.ExpandForParsing(Path.Combine(RepositoryPaths.Root, script)), out var errors);

        Assert.True(errors.Count == 0, $"{script}: " + string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}")));
    }
}
