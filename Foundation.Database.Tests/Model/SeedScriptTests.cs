using System.Text.RegularExpressions;
using Foundation.Database.Tests.Infrastructure;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Model;

/// <summary>
/// The post-deployment script and its reference-data seeds (the 0xx includes), read offline with ScriptDom: they parse,
/// they are rerunnable in shape, and they seed the roles, permissions and grants of docs/design-contract.md.
/// </summary>
public sealed partial class SeedScriptTests
{
    private static string PostDeployment => Path.Combine(RepositoryPaths.DatabaseProjectDirectory, "Scripts", "Script.PostDeployment.sql");

    private static string SeedFile(string name) => Path.Combine(RepositoryPaths.DatabaseProjectDirectory, "Scripts", "PostDeployment", name);

    /// <summary>
    /// The core schema's reference-data seeds: included files numbered 0xx for the Identity and Tenancy schemas, which must
    /// be safe to run again and again. (Other 0xx steps, such as the security session and audit, are not seeds.)
    /// </summary>
    private static IReadOnlyList<string> Seeds =>
        [.. SqlCmdScript.Includes(PostDeployment).Where(p => SeedName().IsMatch(Path.GetFileName(p)))];

    public static TheoryData<string> SeedFiles => [.. Seeds.Select(Path.GetFileName).OfType<string>()];

    [Fact]
    public void PostDeploymentScript_ParsesWithoutErrors_WhenEveryIncludeIsResolved()
    {
        // Arrange
        var sql = SqlCmdScript.ExpandForParsing(PostDeployment);

        // Act
        SqlCmdScript.Parse(sql, out var errors);

        // Assert
        Assert.Empty(errors.Select(e => $"{e.Line}:{e.Column} {e.Message}"));
    }

    [Fact]
    public void PostDeploymentScript_IncludesTheSeedsInOrder_WhenRead()
    {
        // Act
        var names = Seeds.Select(Path.GetFileName).ToList();

        // Assert
        Assert.Equal(["010-Identity-Roles.sql", "020-Identity-Permissions.sql", "030-Identity-RolePermissions.sql"], names);
        Assert.All(Seeds, s => Assert.True(File.Exists(s), s));
    }

    [Theory]
    [MemberData(nameof(SeedFiles))]
    public void Seed_ParsesOnItsOwnAndSetsNoCount_WhenRead(string file)
    {
        // Act
        var script = SqlCmdScript.Parse(File.ReadAllText(SeedFile(file)), out var errors);
        var first = script.Batches.SelectMany(b => b.Statements).FirstOrDefault();

        // Assert
        Assert.Empty(errors.Select(e => $"{e.Line}:{e.Column} {e.Message}"));
        var set = Assert.IsType<PredicateSetStatement>(first);
        Assert.True(set.IsOn && set.Options.HasFlag(SetOptions.NoCount));
    }

    [Theory]
    [MemberData(nameof(SeedFiles))]
    public void Seed_HasNoBareInsert_WhenRerun(string file)
    {
        // Arrange
        var script = SqlCmdScript.Parse(File.ReadAllText(SeedFile(file)), out _);

        // Act: an INSERT statement must filter with NOT EXISTS; MERGE inserts only WHEN NOT MATCHED.
        var bare = FragmentCollector.Collect<InsertStatement>(script)
            .Where(i => !FragmentCollector.Collect<ExistsPredicate>(i).Any(IsNegated(i)))
            .Select(i => $"line {i.StartLine}").ToList();
        var mergeInserts = FragmentCollector.Collect<MergeActionClause>(script)
            .Where(c => c.Action is InsertMergeAction && c.Condition != MergeCondition.NotMatched && c.Condition != MergeCondition.NotMatchedByTarget)
            .Select(c => $"line {c.StartLine}").ToList();

        // Assert
        Assert.Empty(bare);
        Assert.Empty(mergeInserts);
        Assert.NotEmpty(FragmentCollector.Collect<MergeStatement>(script).Concat<TSqlFragment>(FragmentCollector.Collect<InsertStatement>(script)));
    }

    [Theory]
    [MemberData(nameof(SeedFiles))]
    public void Seed_DeletesNothing_WhenRerun(string file)
    {
        // Arrange
        var script = SqlCmdScript.Parse(File.ReadAllText(SeedFile(file)), out _);

        // Act: a seed never deletes; a customer's rows and grants must survive every deployment.
        var deletes = FragmentCollector.Collect<DeleteStatement>(script).Cast<TSqlFragment>()
            .Concat(FragmentCollector.Collect<TruncateTableStatement>(script))
            .Concat(FragmentCollector.Collect<DeleteMergeAction>(script))
            .Concat(FragmentCollector.Collect<DropTableStatement>(script))
            .Select(d => $"{d.GetType().Name} at line {d.StartLine}").ToList();
        var unmatchedBySource = FragmentCollector.Collect<MergeActionClause>(script).Where(c => c.Condition == MergeCondition.NotMatchedBySource).ToList();

        // Assert
        Assert.Empty(deletes);
        Assert.Empty(unmatchedBySource);
    }

    [Theory]
    [MemberData(nameof(SeedFiles))]
    public void Seed_UpdatesOnlyRowsThatDrifted_WhenRerun(string file)
    {
        // Arrange
        var script = SqlCmdScript.Parse(File.ReadAllText(SeedFile(file)), out _);

        // Act: an unconditional WHEN MATCHED THEN UPDATE would rewrite every seeded row (and a history row each) on every deployment.
        var unconditional = FragmentCollector.Collect<MergeActionClause>(script)
            .Where(c => c.Action is UpdateMergeAction && c.SearchCondition is null)
            .Select(c => $"line {c.StartLine}").ToList();
        var bareUpdates = FragmentCollector.Collect<UpdateStatement>(script).Select(u => $"line {u.StartLine}").ToList();

        // Assert
        Assert.Empty(unconditional);
        Assert.Empty(bareUpdates);
    }

    [Fact]
    public void RoleSeed_SeedsSuperAdminAndBasicUser_WhenRead()
    {
        // Act
        var codes = SeededRows("010-Identity-Roles.sql").Select(r => r[0]).ToList();

        // Assert
        Assert.Equal(["SuperAdmin", "BasicUser"], codes);
    }

    [Fact]
    public void PermissionSeed_SeedsExactlyTheContractCatalogue_WhenRead()
    {
        // Act
        var codes = SeededRows("020-Identity-Permissions.sql").Select(r => $"{r[0]}.{r[1]}").Order(StringComparer.Ordinal).ToList();

        // Assert
        Assert.Equal(ExpectedSchema.PermissionCodes.Order(StringComparer.Ordinal), codes);
    }

    [Fact]
    public void Seeds_SatisfyTheTablesCheckConstraints_WhenEvaluated()
    {
        // Arrange
        var roles = CheckedTable.Load(BuiltModel.Model, "Identity", "Roles");
        var permissions = CheckedTable.Load(BuiltModel.Model, "Identity", "Permissions");

        // Act
        var roleViolations = SeededRows("010-Identity-Roles.sql").SelectMany(r => roles.Violations(new Dictionary<string, object?>
        {
            ["RoleId"] = 1, ["Code"] = r[0], ["Name"] = r[1], ["Description"] = r[2], ["IsSystem"] = true, ["Status"] = "Active",
            ["CreatedAt"] = DateTime.UnixEpoch, ["UpdatedAt"] = DateTime.UnixEpoch, ["ValidTo"] = DateTime.MaxValue,
        }).Select(v => $"{r[0]}: {v}"));
        var permissionViolations = SeededRows("020-Identity-Permissions.sql").SelectMany(r => permissions.Violations(new Dictionary<string, object?>
        {
            ["PermissionId"] = 1, ["Code"] = $"{r[0]}.{r[1]}", ["Category"] = r[0], ["Action"] = r[1], ["Description"] = r[2],
            ["IsSystem"] = true, ["CreatedAt"] = DateTime.UnixEpoch,
        }).Select(v => $"{r[0]}.{r[1]}: {v}"));

        // Assert
        Assert.Empty(roleViolations.Concat(permissionViolations));
    }

    [Fact]
    public void GrantSeed_GivesBasicUserOnlyItsProfile_WhenRead()
    {
        // Act
        var grants = SeededRows("030-Identity-RolePermissions.sql").Select(r => $"{r[0]}:{r[1]}").ToList();

        // Assert
        Assert.Equal(["BasicUser:profile.read", "BasicUser:profile.update"], grants);
        Assert.All(grants, g => Assert.Contains(g.Split(':')[1], ExpectedSchema.PermissionCodes));
    }

    [Fact]
    public void GrantSeed_GivesSuperAdminEveryPermission_WhenRead()
    {
        // Arrange
        var script = SqlCmdScript.Parse(File.ReadAllText(SeedFile("030-Identity-RolePermissions.sql")), out _);

        // Act: the SuperAdmin branch reads the whole permission table, filtered by nothing but the role code.
        var superAdmin = FragmentCollector.Collect<QuerySpecification>(script)
            .Where(q => FragmentCollector.Collect<StringLiteral>(q.WhereClause ?? (TSqlFragment)q).Any(s => s.Value == "SuperAdmin"))
            .ToList();

        // Assert
        var query = Assert.Single(superAdmin);
        var tables = FragmentCollector.Collect<NamedTableReference>(query.FromClause).Select(t => $"{t.SchemaObject.SchemaIdentifier?.Value}.{t.SchemaObject.BaseIdentifier.Value}").ToList();
        Assert.Equal(["Identity.Roles", "Identity.Permissions"], tables);
        Assert.Empty(FragmentCollector.Collect<QualifiedJoin>(query.FromClause));
        var predicate = Assert.IsType<BooleanComparisonExpression>(query.WhereClause.SearchCondition);
        Assert.Equal(BooleanComparisonType.Equals, predicate.ComparisonType);
    }

    /// <summary>The rows of the VALUES table a seed names, as strings, in order.</summary>
    private static List<string[]> SeededRows(string file)
    {
        var script = SqlCmdScript.Parse(File.ReadAllText(SeedFile(file)), out var errors);
        Assert.Empty(errors);
        var values = Assert.Single(FragmentCollector.Collect<InlineDerivedTable>(script));
        return [.. values.RowValues.Select(r => r.ColumnValues.Select(v => v is StringLiteral s ? s.Value : v.ToString() ?? "").ToArray())];
    }

    [GeneratedRegex(@"^0\d\d-(Identity|Tenancy)-.+\.sql$")]
    private static partial Regex SeedName();

    private static Func<ExistsPredicate, bool> IsNegated(TSqlFragment scope) =>
        exists => FragmentCollector.Collect<BooleanNotExpression>(scope).Any(n => ReferenceEquals(Unwrap(n.Expression), exists));

    private static BooleanExpression Unwrap(BooleanExpression expression) =>
        expression is BooleanParenthesisExpression parenthesis ? Unwrap(parenthesis.Expression) : expression;
}
