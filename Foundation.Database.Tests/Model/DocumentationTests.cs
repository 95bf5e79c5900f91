using Foundation.Database.Tests.Infrastructure;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Model;

/// <summary>MS_Description extended properties on the core schemas, tables and the columns that are not self-evident.</summary>
public sealed class DocumentationTests
{
    [Theory]
    [InlineData("[Tenancy]")]
    [InlineData("[Identity]")]
    [InlineData("[History]")]
    [InlineData("[Tenancy].[Tenants]")]
    [InlineData("[Identity].[Users]")]
    [InlineData("[Identity].[Roles]")]
    [InlineData("[Identity].[Permissions]")]
    [InlineData("[Identity].[RolePermissions]")]
    [InlineData("[Identity].[UserRoles]")]
    [InlineData("[History].[Tenants]")]
    [InlineData("[History].[Users]")]
    [InlineData("[History].[Roles]")]
    [InlineData("[History].[UserRoles]")]
    [InlineData("[Tenancy].[Tenants].[Slug]")]
    [InlineData("[Identity].[Users].[NormalizedEmail]")]
    [InlineData("[Identity].[Users].[PasswordHash]")]
    [InlineData("[Identity].[Users].[VerificationTokenHash]")]
    [InlineData("[Identity].[Users].[RowVersion]")]
    [InlineData("[Identity].[Users].[Status]")]
    [InlineData("[Identity].[Roles].[IsSystem]")]
    [InlineData("[Identity].[Permissions].[Code]")]
    [InlineData("[Identity].[Permissions].[IsSystem]")]
    [InlineData("[Identity].[RolePermissions].[GrantedByUserId]")]
    [InlineData("[Identity].[UserRoles].[Status]")]
    [InlineData("[Identity].[UserRoles].[RevokedByUserId]")]
    public void Object_HasAnMsDescription_WhenBuilt(string name)
    {
        // Act
        var description = BuiltModel.Model.GetObjects(DacQueryScopes.UserDefined, ExtendedProperty.TypeClass)
            .Where(p => p.Name.Parts[^1] == "MS_Description")
            .Where(p => p.GetReferenced(ExtendedProperty.Host).Any(h => h.Name.ToString() == name))
            .Select(p => p.GetProperty(ExtendedProperty.Value)?.ToString())
            .SingleOrDefault();

        // Assert
        Assert.False(string.IsNullOrWhiteSpace(description?.Trim('N', '\'')), $"{name} has no MS_Description.");
    }

    [Fact]
    public void PasswordHashDescription_NamesTheAcceptedSchemesAndWhenNullIsAllowed_WhenBuilt()
    {
        // Act
        var description = BuiltModel.Model.GetObjects(DacQueryScopes.UserDefined, ExtendedProperty.TypeClass)
            .Single(p => p.GetReferenced(ExtendedProperty.Host).Any(h => h.Name.ToString() == "[Identity].[Users].[PasswordHash]"))
            .GetProperty(ExtendedProperty.Value)?.ToString() ?? "";

        // Assert
        Assert.All(["Argon2id", "bcrypt", "ASP.NET Core Identity v3", "NULL only"], s => Assert.Contains(s, description, StringComparison.Ordinal));
    }
}
