using System.Text.RegularExpressions;
using Foundation.Database.Tests.Infrastructure;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Security;

public sealed partial class RoleGrantTests
{
    private static readonly string _securityDoc = Path.Combine(RepositoryPaths.Root, "docs", "security.md");

    [Fact]
    public void Permissions_AreExactlyTheStatementsDocsSecurityMdLists()
    {
        var documented = DocumentedStatements();
        var inModel = ModelScripts.PermissionStatements(BuiltModel.Model);

        var undocumented = inModel.Except(documented, StringComparer.Ordinal).ToList();
        var missing = documented.Except(inModel, StringComparer.Ordinal).ToList();
        Assert.True(
            undocumented.Count == 0 && missing.Count == 0,
            "docs/security.md (grants block) and the model differ.\nIn the model, not documented:\n  " + string.Join("\n  ", undocumented)
            + "\nDocumented, not in the model:\n  " + string.Join("\n  ", missing));
    }

    [Fact]
    public void Reporting_IsDeniedEverySecretColumn_OfTheSchemasItMaySelect()
    {
        var statements = ModelScripts.PermissionStatements(BuiltModel.Model);
        var schemas = statements
            .Select(s => GrantSelectOnSchema().Match(s))
            .Where(m => m.Success)
            .Select(m => m.Groups["schema"].Value)
            .ToList();
        Assert.NotEmpty(schemas);

        var secretColumns = BuiltModel.Tables
            .Where(t => schemas.Contains(t.Name.Parts[0], StringComparer.OrdinalIgnoreCase))
            .SelectMany(t => t.GetReferenced(Table.Columns).Select(c => (Table: t, Column: c.Name.Parts[^1])))
            .Where(x => SecretColumn().IsMatch(x.Column))
            .ToList();
        Assert.Contains(secretColumns, x => x.Column == "PasswordHash");

        var notDenied = secretColumns
            .Where(x => !statements.Contains($"DENY SELECT ON {x.Table.Name} ([{x.Column}]) TO [FoundationReporting];", StringComparer.Ordinal))
            .Select(x => $"{x.Table.Name}.[{x.Column}]")
            .ToList();
        Assert.True(notDenied.Count == 0, "FoundationReporting can select secret columns: " + string.Join(", ", notDenied));
    }

    [Fact]
    public void Application_IsGrantedOnlyExecute()
    {
        var grants = ModelScripts.PermissionStatements(BuiltModel.Model)
            .Where(s => s.StartsWith("GRANT ", StringComparison.Ordinal) && s.EndsWith(" TO [FoundationApplication];", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(
            ["GRANT EXECUTE ON OBJECT::[Security].[usp_SetSessionContext] TO [FoundationApplication];", "GRANT EXECUTE ON SCHEMA::[Api] TO [FoundationApplication];"],
            grants);
    }

    [Fact]
    public void Model_HoldsNoLoginAndNoUserWithALoginOrPassword()
    {
        var users = BuiltModel.Model.GetObjects(DacQueryScopes.UserDefined, User.TypeClass).ToList();

        Assert.Equal(["[FoundationSessionResolver]"], users.Select(u => u.Name.ToString()));
        Assert.All(users, u => Assert.True(u.GetProperty<bool>(User.WithoutLogin), $"{u.Name} must be WITHOUT LOGIN."));
        Assert.Empty(BuiltModel.Model.GetObjects(DacQueryScopes.UserDefined, Login.TypeClass));
    }

    [Fact]
    public void Roles_AreTheFiveFoundationRoles()
    {
        var roles = BuiltModel.Model.GetObjects(DacQueryScopes.UserDefined, Role.TypeClass).Select(r => r.Name.ToString()).Order(StringComparer.Ordinal);

        Assert.Equal(
            ["[FoundationApplication]", "[FoundationDeployer]", "[FoundationMonitoring]", "[FoundationReporting]", "[FoundationSecurityAdmin]"],
            roles);
    }

    private static List<string> DocumentedStatements()
    {
        var text = File.ReadAllText(_securityDoc);
        var block = GrantsBlock().Match(text);
        Assert.True(block.Success, "docs/security.md has no ```sql block between <!-- grants:begin --> and <!-- grants:end -->.");
        return block.Groups["body"].Value
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("--", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex(@"<!-- grants:begin -->\s*```sql\n(?<body>.*?)```\s*<!-- grants:end -->", RegexOptions.Singleline)]
    private static partial Regex GrantsBlock();

    [GeneratedRegex(@"^GRANT SELECT ON SCHEMA::\[(?<schema>[^\]]+)\] TO \[FoundationReporting\];$")]
    private static partial Regex GrantSelectOnSchema();

    [GeneratedRegex("(Hash$|Token)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretColumn();
}
