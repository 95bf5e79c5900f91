using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.Model;

/// <summary>The CHECK constraints of [Tenancy].[Tenants], [Identity].[Roles] and [Identity].[Permissions], evaluated offline.</summary>
public sealed class CatalogueCheckConstraintTests
{
    private static readonly Lazy<CheckedTable> _tenants = new(() => CheckedTable.Load(BuiltModel.Model, "Tenancy", "Tenants"));
    private static readonly Lazy<CheckedTable> _roles = new(() => CheckedTable.Load(BuiltModel.Model, "Identity", "Roles"));
    private static readonly Lazy<CheckedTable> _permissions = new(() => CheckedTable.Load(BuiltModel.Model, "Identity", "Permissions"));

    [Theory]
    [InlineData("acme")]
    [InlineData("acme-corp")]
    [InlineData("a1b")]
    [InlineData("123")]
    [InlineData("a-b-c-d")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789-abcdefghijklmnopqrstuvwxyz")]
    public void TenantSlug_IsAccepted_WhenLowerCaseLettersDigitsAndSingleHyphens(string slug)
    {
        // Act
        var violations = _tenants.Value.Violations(Tenant(slug: slug));

        // Assert
        Assert.Empty(violations);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789-abcdefghijklmnopqrstuvwxyza")]
    [InlineData("Acme")]
    [InlineData("ACME")]
    [InlineData("acme_corp")]
    [InlineData("acme corp")]
    [InlineData("acme.corp")]
    [InlineData("acmé")]
    [InlineData("-acme")]
    [InlineData("acme-")]
    [InlineData("ac--me")]
    [InlineData("acme ")]
    [InlineData(" acme")]
    public void TenantSlug_IsRejected_WhenMalformed(string slug)
    {
        // Act
        var violations = _tenants.Value.Violations(Tenant(slug: slug));

        // Assert
        Assert.Contains(violations, v => v.StartsWith("CK_Tenancy_Tenants_Slug_", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("active")]
    [InlineData("Closed")]
    public void TenantStatus_IsRejected_WhenOutsideTheDomain(string status)
    {
        // Act
        var violations = _tenants.Value.Violations(Tenant(status: status));

        // Assert
        Assert.Equal(["CK_Tenancy_Tenants_Status_Is_Active_Suspended_Or_Deactivated"], violations);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void TenantName_IsRejected_WhenBlank(string name)
    {
        // Act
        var violations = _tenants.Value.Violations(Tenant(name: name));

        // Assert
        Assert.Equal(["CK_Tenancy_Tenants_Name_Is_Not_Blank"], violations);
    }

    [Theory]
    [InlineData("SuperAdmin")]
    [InlineData("BasicUser")]
    [InlineData("Auditor2")]
    public void RoleCode_IsAccepted_WhenPascalCase(string code)
    {
        // Act
        var violations = _roles.Value.Violations(Role(code));

        // Assert
        Assert.Empty(violations);
    }

    [Theory]
    [InlineData("superAdmin")]
    [InlineData("Super Admin")]
    [InlineData("Super_Admin")]
    [InlineData("SuperAdmin ")]
    [InlineData("2Admin")]
    public void RoleCode_IsRejected_WhenNotPascalCase(string code)
    {
        // Act
        var violations = _roles.Value.Violations(Role(code));

        // Assert
        Assert.Equal(["CK_Identity_Roles_Code_Is_Pascal_Case_Letters_And_Digits"], violations);
    }

    [Fact]
    public void RoleStatus_IsRejected_WhenOutsideTheDomain()
    {
        // Act
        var violations = _roles.Value.Violations(Role("SuperAdmin", status: "Deleted"));

        // Assert
        Assert.Equal(["CK_Identity_Roles_Status_Is_Active_Or_Disabled"], violations);
    }

    [Theory]
    [InlineData("users", "read")]
    [InlineData("tenants", "manage")]
    [InlineData("billing", "delete")]
    public void Permission_IsAccepted_WhenCodeIsCategoryDotAction(string category, string action)
    {
        // Act
        var violations = _permissions.Value.Violations(Permission($"{category}.{action}", category, action));

        // Assert
        Assert.Empty(violations);
    }

    [Theory]
    [InlineData("users.write", "users", "write", "CK_Identity_Permissions_Action_Is_Read_Create_Update_Delete_Or_Manage")]
    [InlineData("users.Read", "users", "Read", "CK_Identity_Permissions_Action_Is_Read_Create_Update_Delete_Or_Manage")]
    [InlineData("users.read ", "users", "read ", "CK_Identity_Permissions_Action_Is_Read_Create_Update_Delete_Or_Manage")]
    [InlineData("Users.read", "Users", "read", "CK_Identity_Permissions_Category_Is_Lower_Case_Letters")]
    [InlineData("user-s.read", "user-s", "read", "CK_Identity_Permissions_Category_Is_Lower_Case_Letters")]
    [InlineData("users.read", "users", "update", "CK_Identity_Permissions_Code_Is_Category_Dot_Action")]
    [InlineData("USERS.READ", "users", "read", "CK_Identity_Permissions_Code_Is_Category_Dot_Action")]
    [InlineData("usersread", "users", "read", "CK_Identity_Permissions_Code_Is_Category_Dot_Action")]
    [InlineData("users.read ", "users", "read", "CK_Identity_Permissions_Code_Is_Category_Dot_Action")]
    [InlineData("roles.read", "users", "read", "CK_Identity_Permissions_Code_Is_Category_Dot_Action")]
    public void Permission_IsRejected_WhenCodeCategoryOrActionIsWrong(string code, string category, string action, string constraint)
    {
        // Act
        var violations = _permissions.Value.Violations(Permission(code, category, action));

        // Assert
        Assert.Contains(constraint, violations);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void PermissionDescription_IsRejected_WhenBlank(string description)
    {
        // Act
        var violations = _permissions.Value.Violations(Permission("users.read", "users", "read", description));

        // Assert
        Assert.Equal(["CK_Identity_Permissions_Description_Is_Not_Blank"], violations);
    }

    private static Dictionary<string, object?> Tenant(string slug = "acme", string name = "Acme Corporation", string status = "Active") => new()
    {
        ["TenantId"] = 1, ["Slug"] = slug, ["Name"] = name, ["Status"] = status,
        ["CreatedAt"] = DateTime.UnixEpoch, ["UpdatedAt"] = DateTime.UnixEpoch, ["ValidTo"] = DateTime.MaxValue,
    };

    private static Dictionary<string, object?> Role(string code, string status = "Active") => new()
    {
        ["RoleId"] = 1, ["Code"] = code, ["Name"] = "A role", ["Description"] = "What it is for.", ["IsSystem"] = true,
        ["Status"] = status, ["CreatedAt"] = DateTime.UnixEpoch, ["UpdatedAt"] = DateTime.UnixEpoch, ["ValidTo"] = DateTime.MaxValue,
    };

    private static Dictionary<string, object?> Permission(string code, string category, string action, string description = "See users.") => new()
    {
        ["PermissionId"] = 1, ["Code"] = code, ["Category"] = category, ["Action"] = action,
        ["Description"] = description, ["IsSystem"] = true, ["CreatedAt"] = DateTime.UnixEpoch,
    };
}
