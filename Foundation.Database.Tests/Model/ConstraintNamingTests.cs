using System.Text.RegularExpressions;
using Foundation.Database.Tests.Infrastructure;
using Microsoft.SqlServer.Dac.Model;
using Index = Microsoft.SqlServer.Dac.Model.Index;

namespace Foundation.Database.Tests.Model;

/// <summary>STYLE.md names: PK_, FK_, DF_, UQ_, CK_ and IX_ built from schema, table and columns; nothing system-named.</summary>
public sealed partial class ConstraintNamingTests
{
    [Fact]
    public void EveryUserTable_HasAPrimaryKeyNamedAfterIt_UnlessItIsAHistoryTable()
    {
        // Arrange
        var historyTables = ModelTables.HistoryTableNames(BuiltModel.Model);

        // Act
        var wrong = BuiltModel.Tables.Where(t => !historyTables.Contains(t.Name.ToString()))
            .Select(t => (Table: t.Name.ToString(), Keys: t.GetReferencing(PrimaryKeyConstraint.Host).Select(Own).ToList(), Expected: $"PK_{Prefix(t)}"))
            .Where(t => t.Keys.Count != 1 || t.Keys[0] != t.Expected)
            .Select(t => $"{t.Table}: [{string.Join(", ", t.Keys)}], expected {t.Expected}")
            .ToList();

        // Assert
        Assert.Empty(wrong);
    }

    [Fact]
    public void EveryConstraintAndIndex_HasAName_WhenBuilt()
    {
        // Act
        var unnamed = Constraints().Concat(BuiltModel.Model.GetObjects(DacQueryScopes.UserDefined, Index.TypeClass))
            .Where(c => !c.Name.HasName || c.Name.Parts.Count == 0 || string.IsNullOrEmpty(c.Name.Parts[^1]))
            .Select(c => c.ObjectType.Name + " on " + Host(c)?.Name)
            .ToList();

        // Assert
        Assert.Empty(unnamed);
    }

    [Fact]
    public void ForeignKeys_AreNamedAfterTableColumnsAndReferencedTable_WhenBuilt()
    {
        // Act
        var wrong = BuiltModel.Model.GetObjects(DacQueryScopes.UserDefined, ForeignKeyConstraint.TypeClass)
            .Select(fk => (Name: Own(fk), Expected:
                $"FK_{Prefix(Host(fk)!)}_{Columns(fk.GetReferenced(ForeignKeyConstraint.Columns))}_{Prefix(fk.GetReferenced(ForeignKeyConstraint.ForeignTable).Single())}"))
            .Where(fk => fk.Name != fk.Expected)
            .Select(fk => $"{fk.Name}, expected {fk.Expected}")
            .ToList();

        // Assert
        Assert.Empty(wrong);
    }

    [Fact]
    public void Defaults_AreNamedAfterTableAndColumn_WhenBuilt()
    {
        // Act
        var wrong = BuiltModel.Model.GetObjects(DacQueryScopes.UserDefined, DefaultConstraint.TypeClass)
            .Select(df => (Name: Own(df), Expected: $"DF_{Prefix(Host(df)!)}_{Columns(df.GetReferenced(DefaultConstraint.TargetColumn))}"))
            .Where(df => df.Name != df.Expected)
            .Select(df => $"{df.Name}, expected {df.Expected}")
            .ToList();

        // Assert
        Assert.Empty(wrong);
    }

    [Fact]
    public void UniqueConstraints_AreNamedAfterTableAndColumns_WhenBuilt()
    {
        // Act
        var wrong = BuiltModel.Model.GetObjects(DacQueryScopes.UserDefined, UniqueConstraint.TypeClass)
            .Select(uq => (Name: Own(uq), Expected: $"UQ_{Prefix(Host(uq)!)}_{Columns(uq.GetReferenced(UniqueConstraint.Columns))}"))
            .Where(uq => uq.Name != uq.Expected)
            .Select(uq => $"{uq.Name}, expected {uq.Expected}")
            .ToList();

        // Assert
        Assert.Empty(wrong);
    }

    [Fact]
    public void Indexes_AreNamedAfterTableAndKeyColumns_WhenBuilt()
    {
        // Act: IX_<Schema>_<Table>_<Key columns>, optionally followed by a qualifier (e.g. _Active for a filtered index).
        var wrong = BuiltModel.Model.GetObjects(DacQueryScopes.UserDefined, Index.TypeClass)
            .Select(ix => (Name: Own(ix), Expected: $"IX_{Prefix(Host(ix)!)}_{Columns(ix.GetReferenced(Index.Columns))}"))
            .Where(ix => ix.Name != ix.Expected && !ix.Name.StartsWith(ix.Expected + "_", StringComparison.Ordinal))
            .Select(ix => $"{ix.Name}, expected {ix.Expected}[_Qualifier]")
            .ToList();

        // Assert
        Assert.Empty(wrong);
    }

    [Fact]
    public void CheckConstraints_AreNamedAfterTheTableAndARuleSentence_WhenBuilt()
    {
        // Act
        var wrong = BuiltModel.Model.GetObjects(DacQueryScopes.UserDefined, CheckConstraint.TypeClass)
            .Select(ck => (Name: Own(ck), Prefix: $"CK_{Prefix(Host(ck)!)}_"))
            .Where(ck => !ck.Name.StartsWith(ck.Prefix, StringComparison.Ordinal) || !RuleSentence().IsMatch(ck.Name[ck.Prefix.Length..]))
            .Select(ck => $"{ck.Name}, expected {ck.Prefix}<Rule_As_A_Sentence>")
            .ToList();

        // Assert
        Assert.Empty(wrong);
    }

    [Fact]
    public void CoreTables_HaveTheirNamedConstraints_WhenBuilt()
    {
        // Arrange: the naming rules above pass vacuously on an empty model; these must exist.
        string[] expected =
        [
            "PK_Tenancy_Tenants", "UQ_Tenancy_Tenants_Slug", "PK_Identity_Users", "UQ_Identity_Users_TenantId_UserId",
            "UQ_Identity_Users_TenantId_NormalizedEmail", "FK_Identity_Users_TenantId_Tenancy_Tenants", "PK_Identity_Roles",
            "UQ_Identity_Roles_Code", "PK_Identity_Permissions", "UQ_Identity_Permissions_Code", "PK_Identity_RolePermissions",
            "FK_Identity_RolePermissions_RoleId_Identity_Roles", "FK_Identity_RolePermissions_PermissionId_Identity_Permissions",
            "FK_Identity_RolePermissions_GrantedByUserId_Identity_Users", "PK_Identity_UserRoles",
            "FK_Identity_UserRoles_TenantId_UserId_Identity_Users", "FK_Identity_UserRoles_RoleId_Identity_Roles",
            "FK_Identity_UserRoles_AssignedByUserId_Identity_Users", "FK_Identity_UserRoles_RevokedByUserId_Identity_Users",
            "DF_Identity_Users_CreatedAt", "DF_Identity_Users_Status", "DF_Identity_Users_FailedSignInCount",
        ];

        // Act
        var missing = expected.Except(Constraints().Select(Own), StringComparer.Ordinal).ToList();

        // Assert
        Assert.Empty(missing);
    }

    private static IEnumerable<TSqlObject> Constraints()
    {
        // The model first: DacFx's TypeClass properties are null until a model exists in the process, and this test may run first.
        var model = BuiltModel.Model;
        return new[] { PrimaryKeyConstraint.TypeClass, ForeignKeyConstraint.TypeClass, UniqueConstraint.TypeClass, CheckConstraint.TypeClass, DefaultConstraint.TypeClass }
            .SelectMany(t => model.GetObjects(DacQueryScopes.UserDefined, t));
    }

    private static string Own(TSqlObject named) => named.Name.Parts.Count == 0 ? "" : named.Name.Parts[^1];

    private static string Prefix(TSqlObject table) => $"{table.Name.Parts[0]}_{table.Name.Parts[1]}";

    private static string Columns(IEnumerable<TSqlObject> columns) => string.Join("_", columns.Select(c => c.Name.Parts[^1]));

    private static TSqlObject? Host(TSqlObject owned) => owned.ObjectType.Name switch
    {
        "Index" => owned.GetReferenced(Index.IndexedObject).FirstOrDefault(),
        "PrimaryKeyConstraint" => owned.GetReferenced(PrimaryKeyConstraint.Host).FirstOrDefault(),
        "ForeignKeyConstraint" => owned.GetReferenced(ForeignKeyConstraint.Host).FirstOrDefault(),
        "UniqueConstraint" => owned.GetReferenced(UniqueConstraint.Host).FirstOrDefault(),
        "CheckConstraint" => owned.GetReferenced(CheckConstraint.Host).FirstOrDefault(),
        "DefaultConstraint" => owned.GetReferenced(DefaultConstraint.Host).FirstOrDefault(),
        _ => null,
    };

    /// <summary>At least two words of letters or digits joined by underscores, each starting with a capital or a digit.</summary>
    [GeneratedRegex("^[A-Z0-9][A-Za-z0-9]*(_[A-Z0-9][A-Za-z0-9]*)+$")]
    private static partial Regex RuleSentence();
}
