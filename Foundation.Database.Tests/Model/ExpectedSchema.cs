namespace Foundation.Database.Tests.Model;

/// <summary>
/// The core tables and columns as docs/design-contract.md fixes them, in column order: name, SQL type, nullability and
/// how the value is produced. A renamed, retyped, reordered or re-nulled column fails the table's test.
/// </summary>
public static class ExpectedSchema
{
    public static IReadOnlyDictionary<string, IReadOnlyList<ExpectedColumn>> Tables { get; } = new Dictionary<string, IReadOnlyList<ExpectedColumn>>
    {
        ["[Tenancy].[Tenants]"] =
        [
            new("TenantId", "int", false, ColumnKind.Identity),
            new("Slug", "varchar(63)", false),
            new("Name", "nvarchar(200)", false),
            new("Status", "varchar(20)", false),
            new("CreatedAt", "datetime2(7)", false),
            new("UpdatedAt", "datetime2(7)", false, ColumnKind.PeriodStart),
            new("ValidTo", "datetime2(7)", false, ColumnKind.PeriodEndHidden),
        ],
        ["[Identity].[Users]"] =
        [
            new("UserId", "bigint", false, ColumnKind.Identity),
            new("TenantId", "int", false),
            new("Email", "nvarchar(254)", false),
            new("NormalizedEmail", "computed", false, ColumnKind.ComputedPersisted),
            new("PasswordHash", "varchar(256)", true),
            new("DisplayName", "nvarchar(100)", true),
            new("GivenName", "nvarchar(100)", true),
            new("FamilyName", "nvarchar(100)", true),
            new("PhoneNumber", "varchar(16)", true),
            new("Locale", "varchar(35)", true),
            new("TimeZone", "varchar(64)", true),
            new("AvatarUrl", "nvarchar(2048)", true),
            new("Status", "varchar(20)", false),
            new("EmailVerifiedAt", "datetime2(7)", true),
            new("VerificationTokenHash", "varbinary(32)", true),
            new("VerificationTokenExpiresAt", "datetime2(7)", true),
            new("FailedSignInCount", "int", false),
            new("LockoutEndsAt", "datetime2(7)", true),
            new("LastSignInAt", "datetime2(7)", true),
            new("CreatedAt", "datetime2(7)", false),
            new("UpdatedAt", "datetime2(7)", false, ColumnKind.PeriodStart),
            new("ValidTo", "datetime2(7)", false, ColumnKind.PeriodEndHidden),
            new("RowVersion", "rowversion", false),
        ],
        ["[Identity].[Roles]"] =
        [
            new("RoleId", "int", false, ColumnKind.Identity),
            new("Code", "varchar(50)", false),
            new("Name", "nvarchar(100)", false),
            new("Description", "nvarchar(400)", false),
            new("IsSystem", "bit", false),
            new("Status", "varchar(20)", false),
            new("CreatedAt", "datetime2(7)", false),
            new("UpdatedAt", "datetime2(7)", false, ColumnKind.PeriodStart),
            new("ValidTo", "datetime2(7)", false, ColumnKind.PeriodEndHidden),
        ],
        ["[Identity].[Permissions]"] =
        [
            new("PermissionId", "int", false, ColumnKind.Identity),
            new("Code", "varchar(71)", false),
            new("Category", "varchar(50)", false),
            new("Action", "varchar(20)", false),
            new("Description", "nvarchar(400)", false),
            new("IsSystem", "bit", false),
            new("CreatedAt", "datetime2(7)", false),
        ],
        ["[Identity].[RolePermissions]"] =
        [
            new("RoleId", "int", false),
            new("PermissionId", "int", false),
            new("GrantedAt", "datetime2(7)", false),
            new("GrantedByUserId", "bigint", true),
        ],
        ["[Identity].[UserRoles]"] =
        [
            new("UserRoleId", "bigint", false, ColumnKind.Identity),
            new("TenantId", "int", false),
            new("UserId", "bigint", false),
            new("RoleId", "int", false),
            new("AssignedByUserId", "bigint", true),
            new("AssignedAt", "datetime2(7)", false),
            new("Status", "varchar(20)", false),
            new("RevokedAt", "datetime2(7)", true),
            new("RevokedByUserId", "bigint", true),
            new("ExpiresAt", "datetime2(7)", true),
            new("Reason", "nvarchar(400)", true),
            new("UpdatedAt", "datetime2(7)", false, ColumnKind.PeriodStart),
            new("ValidTo", "datetime2(7)", false, ColumnKind.PeriodEndHidden),
        ],
    };

    /// <summary>Current table to its history table, for the system-versioned tables the contract lists.</summary>
    public static IReadOnlyDictionary<string, string> TemporalTables { get; } = new Dictionary<string, string>
    {
        ["[Tenancy].[Tenants]"] = "[History].[Tenants]",
        ["[Identity].[Users]"] = "[History].[Users]",
        ["[Identity].[Roles]"] = "[History].[Roles]",
        ["[Identity].[UserRoles]"] = "[History].[UserRoles]",
    };

    /// <summary>The seeded permission catalogue of docs/design-contract.md, category to actions.</summary>
    public static IReadOnlyDictionary<string, string[]> PermissionCatalogue { get; } = new Dictionary<string, string[]>
    {
        ["tenants"] = ["read", "create", "update", "delete", "manage"],
        ["users"] = ["read", "create", "update", "delete", "manage"],
        ["roles"] = ["read", "create", "update", "delete", "manage"],
        ["permissions"] = ["read", "manage"],
        ["assignments"] = ["read", "manage"],
        ["grants"] = ["read", "manage"],
        ["audit"] = ["read"],
        ["profile"] = ["read", "update"],
    };

    public static IEnumerable<string> PermissionCodes =>
        PermissionCatalogue.SelectMany(c => c.Value.Select(action => $"{c.Key}.{action}"));
}
