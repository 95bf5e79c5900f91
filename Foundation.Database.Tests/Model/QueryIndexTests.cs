using Foundation.Database.Tests.Infrastructure;
using Microsoft.SqlServer.Dac.Model;
using Index = Microsoft.SqlServer.Dac.Model.Index;

namespace Foundation.Database.Tests.Model;

/// <summary>The common tenant-scoped queries have an index that leads with TenantId, so an RLS predicate on it stays a seek.</summary>
public sealed class QueryIndexTests
{
    [Theory]
    [InlineData("[Identity].[Users]", "UQ_Identity_Users_TenantId_NormalizedEmail", "TenantId,NormalizedEmail", true, false)]
    [InlineData("[Identity].[Users]", "UQ_Identity_Users_TenantId_UserId", "TenantId,UserId", true, true)]
    [InlineData("[Identity].[UserRoles]", "IX_Identity_UserRoles_TenantId_UserId_UserRoleId", "TenantId,UserId,UserRoleId", true, true)]
    [InlineData("[Identity].[UserRoles]", "IX_Identity_UserRoles_TenantId_UserId_RoleId_Active", "TenantId,UserId,RoleId", true, false)]
    [InlineData("[Tenancy].[Tenants]", "UQ_Tenancy_Tenants_Slug", "Slug", true, false)]
    public void Table_HasTheIndexForItsCommonQuery_WhenBuilt(string table, string name, string keys, bool unique, bool clustered)
    {
        // Act
        var found = Keys(ModelTables.Get(table)).SingleOrDefault(k => k.Name == name);

        // Assert
        Assert.NotNull(found.Name);
        Assert.Equal(keys, string.Join(",", found.Columns));
        Assert.Equal(unique, found.Unique);
        Assert.Equal(clustered, found.Clustered);
    }

    [Fact]
    public void ActiveAssignmentIndex_IsFilteredToActiveRows_SoThatOnlyOneActiveAssignmentExists()
    {
        // Arrange
        var index = ModelTables.Get("[Identity].[UserRoles]").GetReferencing(Index.IndexedObject)
            .Single(i => i.Name.Parts[^1] == "IX_Identity_UserRoles_TenantId_UserId_RoleId_Active");

        // Act
        var filter = CheckExpressionEvaluator.Parse(index.GetProperty(Index.FilterPredicate)?.ToString() ?? "");
        bool? Covers(string status) => new CheckExpressionEvaluator(new Dictionary<string, SqlValue> { ["Status"] = SqlValue.VarChar(status) }).Evaluate(filter);

        // Assert
        Assert.True(index.GetProperty<bool>(Index.Unique));
        Assert.True(Covers("Active"));
        Assert.False(Covers("Revoked"));
        Assert.False(Covers("Expired"));
    }

    [Theory]
    [InlineData("[Identity].[Users]")]
    [InlineData("[Identity].[UserRoles]")]
    [InlineData("[History].[Tenants]")]
    [InlineData("[History].[Users]")]
    [InlineData("[History].[UserRoles]")]
    public void TenantScopedTable_IsClusteredOnTenantIdFirst_WhenBuilt(string table)
    {
        // Act
        var clustered = Keys(ModelTables.Get(table)).Single(k => k.Clustered);

        // Assert
        Assert.Equal("TenantId", clustered.Columns[0]);
    }

    private static IEnumerable<(string Name, IReadOnlyList<string> Columns, bool Unique, bool Clustered)> Keys(TSqlObject table)
    {
        foreach (var index in table.GetReferencing(Index.IndexedObject))
        {
            yield return (index.Name.Parts[^1], [.. index.GetReferenced(Index.Columns).Select(ModelColumns.Name)],
                index.GetProperty<bool>(Index.Unique), index.GetProperty<bool>(Index.Clustered));
        }

        foreach (var unique in table.GetReferencing(UniqueConstraint.Host))
        {
            yield return (unique.Name.Parts[^1], [.. unique.GetReferenced(UniqueConstraint.Columns).Select(ModelColumns.Name)],
                true, unique.GetProperty<bool>(UniqueConstraint.Clustered));
        }

        foreach (var primaryKey in table.GetReferencing(PrimaryKeyConstraint.Host))
        {
            yield return (primaryKey.Name.Parts[^1], [.. primaryKey.GetReferenced(PrimaryKeyConstraint.Columns).Select(ModelColumns.Name)],
                true, primaryKey.GetProperty<bool>(PrimaryKeyConstraint.Clustered));
        }
    }
}
