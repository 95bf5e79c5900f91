using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.Model;

/// <summary>The status and time consistency rules of [Identity].[UserRoles], evaluated offline.</summary>
public sealed class UserRolesCheckConstraintTests
{
    private const string RevocationRule = "CK_Identity_UserRoles_Revoked_Assignment_Has_RevokedAt_And_Others_Have_No_Revocation";
    private static readonly DateTime _assignedAt = new(2025, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Lazy<CheckedTable> _userRoles = new(() => CheckedTable.Load(BuiltModel.Model, "Identity", "UserRoles"));

    [Theory]
    [InlineData("Active", false, false, false)]
    [InlineData("Active", false, false, true)]
    [InlineData("Suspended", false, false, false)]
    [InlineData("Revoked", true, false, false)]
    [InlineData("Revoked", true, true, false)]
    [InlineData("Expired", false, false, true)]
    public void Assignment_IsAccepted_WhenStatusAndTimestampsAgree(string status, bool revokedAt, bool revokedBy, bool expiresAt)
    {
        // Act
        var violations = _userRoles.Value.Violations(Assignment(status, revokedAt, revokedBy, expiresAt));

        // Assert
        Assert.Empty(violations);
    }

    [Theory]
    [InlineData("Revoked", false, false, false, RevocationRule)]
    [InlineData("Revoked", false, true, false, RevocationRule)]
    [InlineData("Active", true, false, false, RevocationRule)]
    [InlineData("Active", false, true, false, RevocationRule)]
    [InlineData("Suspended", true, true, false, RevocationRule)]
    [InlineData("Expired", false, false, false, "CK_Identity_UserRoles_Expired_Assignment_Has_ExpiresAt")]
    [InlineData("Deleted", false, false, false, "CK_Identity_UserRoles_Status_Is_Active_Revoked_Expired_Or_Suspended")]
    [InlineData("active", false, false, false, "CK_Identity_UserRoles_Status_Is_Active_Revoked_Expired_Or_Suspended")]
    public void Assignment_IsRejected_WhenStatusAndTimestampsDisagree(string status, bool revokedAt, bool revokedBy, bool expiresAt, string constraint)
    {
        // Act
        var violations = _userRoles.Value.Violations(Assignment(status, revokedAt, revokedBy, expiresAt));

        // Assert
        Assert.Contains(constraint, violations);
    }

    [Fact]
    public void Assignment_IsRejected_WhenRevokedBeforeItWasAssigned()
    {
        // Arrange
        var row = Assignment("Revoked", revokedAt: true, revokedBy: false, expiresAt: false);
        row["RevokedAt"] = _assignedAt.AddTicks(-1);

        // Act
        var violations = _userRoles.Value.Violations(row);

        // Assert
        Assert.Equal(["CK_Identity_UserRoles_RevokedAt_Is_Not_Before_AssignedAt"], violations);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Assignment_IsRejected_WhenItExpiresAtOrBeforeItsAssignment(int ticks)
    {
        // Arrange
        var row = Assignment("Active", revokedAt: false, revokedBy: false, expiresAt: true);
        row["ExpiresAt"] = _assignedAt.AddTicks(ticks);

        // Act
        var violations = _userRoles.Value.Violations(row);

        // Assert
        Assert.Equal(["CK_Identity_UserRoles_ExpiresAt_Is_After_AssignedAt"], violations);
    }

    private static Dictionary<string, object?> Assignment(string status, bool revokedAt, bool revokedBy, bool expiresAt) => new()
    {
        ["UserRoleId"] = 1L,
        ["TenantId"] = 1,
        ["UserId"] = 2L,
        ["RoleId"] = 3,
        ["AssignedByUserId"] = null,
        ["AssignedAt"] = _assignedAt,
        ["Status"] = status,
        ["RevokedAt"] = revokedAt ? _assignedAt.AddDays(1) : null,
        ["RevokedByUserId"] = revokedBy ? 4L : null,
        ["ExpiresAt"] = expiresAt ? _assignedAt.AddDays(30) : null,
        ["Reason"] = "Quarterly access review.",
        ["UpdatedAt"] = _assignedAt,
        ["ValidTo"] = DateTime.MaxValue,
    };
}
