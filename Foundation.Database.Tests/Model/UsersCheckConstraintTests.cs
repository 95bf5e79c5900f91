using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.Model;

/// <summary>The CHECK constraints of [Identity].[Users], evaluated offline against good and bad sample rows.</summary>
public sealed class UsersCheckConstraintTests
{
    private const string PasswordRule = "CK_Identity_Users_PasswordHash_Is_Argon2id_Bcrypt_Or_AspNetIdentityV3";
    private const string Bcrypt = "$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW";
    private const string Argon2id = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$yMnKy8zNzs/Q0dLT1NXW19jZ2tvc3d7f4OHi4+Tl5uc";

    private static readonly Lazy<CheckedTable> _users = new(() => CheckedTable.Load(BuiltModel.Model, "Identity", "Users"));

    public static TheoryData<string> AcceptedPasswordHashes =>
    [
        Bcrypt,
        "$2b$10$" + Bcrypt[7..],
        "$2y$31$" + Bcrypt[7..],
        "$2b$04$" + Bcrypt[7..],
        Argon2id,
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$yMnKy8zNzs/Q0dLT1NXW19jZ2tvc3d7f4OHi4+Tl5uc",
        "AQAAAAIAAYagAAAAEAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJicoKSorLC0uLw==",
        "AQAAAAEAACcQAAAAEGRlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+AgYKDhIWGh4iJiouMjY6PkJGSkw==",
    ];

    public static TheoryData<string, string> RejectedPasswordHashes => new()
    {
        { "password", "plaintext" },
        { "Correct horse battery staple 1!", "plaintext passphrase" },
        { "", "empty string" },
        { "$2a$12$tooShort", "bcrypt shorter than 60" },
        { Bcrypt + "x", "bcrypt longer than 60" },
        { "$2x$12$" + Bcrypt[7..], "bcrypt with an unknown variant" },
        { "$2A$12$" + Bcrypt[7..], "bcrypt variant in upper case" },
        { "$2b$03$" + Bcrypt[7..], "bcrypt cost below 4" },
        { "$2b$32$" + Bcrypt[7..], "bcrypt cost above 31" },
        { "$2b$1x$" + Bcrypt[7..], "bcrypt cost not digits" },
        { "$2b$12$" + Bcrypt[7..^1] + "!", "bcrypt with a character outside its alphabet" },
        { "$2b$12$" + new string(' ', 53), "bcrypt prefix padded with spaces" },
        { Argon2id.Replace("$argon2id$", "$argon2i$", StringComparison.Ordinal), "argon2i, not argon2id" },
        { Argon2id.Replace("v=19", "v=16", StringComparison.Ordinal), "argon2 version 16" },
        { Argon2id.Replace("m=65536", "m=lots", StringComparison.Ordinal), "argon2 memory not a number" },
        { Argon2id.Replace("t=3", "t=3x", StringComparison.Ordinal), "argon2 passes not a number" },
        { Argon2id.Replace("p=4", "p=4!", StringComparison.Ordinal), "argon2 lanes not a number" },
        { "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$yMnKy8zNzs/Q0dLT1NXW19jZ2tvc3d7f4OHi4+Tl5uc", "argon2 salt under 16 bytes" },
        { "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$yMnKy8zNzs/Q0dLT1NXW1w", "argon2 hash under 32 bytes" },
        { Argon2id + "$extra", "argon2 with a sixth field" },
        { Argon2id.Replace("$argon2id$", "$ARGON2ID$", StringComparison.Ordinal), "argon2id in upper case" },
        { "AQAAAAAAACcQAAAAEAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJicoKSorLC0uLw==", "ASP.NET Identity v3 with HMAC-SHA1" },
        { "AAABAgMEBQYHCAkKCwwNDg8AAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHw==", "ASP.NET Identity v2" },
        { "AQAAAAIAAYagAAAAEAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJicoKSorLC0uLw=", "ASP.NET Identity v3 one character short" },
        { "AQAAAAIAAYagAAAAEAABAgMEBQYHCAkKCwwNDg8QERITFB=WFxgZGhscHR4fICEiIyQlJicoKSorLC0uLw==", "ASP.NET Identity v3 with padding inside" },
        { "aqaaaaiaayagaaaaeaabagmebqyhcakkcwwndg8qerityuwfxgzghschr4ficeiiyqljicokssorlc0ulw==", "ASP.NET Identity v3 prefix in lower case" },
    };

    [Fact]
    public void ValidUser_PassesEveryCheck_WhenAllColumnsAreWellFormed()
    {
        // Act
        var violations = _users.Value.Violations(ValidUser());

        // Assert: also proves every CHECK of the table is within the evaluator's reach (it throws otherwise).
        Assert.Empty(violations);
        Assert.True(_users.Value.Checks.Count >= 10, "The table's CHECK constraints were not found.");
    }

    [Theory]
    [MemberData(nameof(AcceptedPasswordHashes))]
    public void PasswordHash_IsAccepted_WhenItIsASupportedHash(string hash)
    {
        // Act
        var violations = _users.Value.Violations(ValidUser(("PasswordHash", hash)));

        // Assert
        Assert.Empty(violations);
    }

    [Theory]
    [MemberData(nameof(RejectedPasswordHashes))]
    public void PasswordHash_IsRejected_WhenItCannotBeASupportedHash(string value, string why)
    {
        // Act
        var violations = _users.Value.Violations(ValidUser(("PasswordHash", value)));

        // Assert
        Assert.True(violations.Contains(PasswordRule), $"{why}: '{value}' was accepted.");
    }

    [Fact]
    public void PasswordHash_IsAccepted_WhenNullForAUserWithoutALocalPassword()
    {
        // Act
        var violations = _users.Value.Violations(ValidUser(("PasswordHash", null)));

        // Assert
        Assert.Empty(violations);
    }

    [Theory]
    [InlineData("ada@example.com")]
    [InlineData("a.b+tag@sub.example.co.uk")]
    [InlineData("ADA@EXAMPLE.COM")]
    public void Email_IsAccepted_WhenItIsOneAddress(string email)
    {
        // Act
        var violations = _users.Value.Violations(ValidUser(("Email", email)));

        // Assert
        Assert.Empty(violations);
    }

    [Theory]
    [InlineData("ada")]
    [InlineData("ada@")]
    [InlineData("@example.com")]
    [InlineData("ada@example")]
    [InlineData("ada@@example.com")]
    [InlineData("ada@b@example.com")]
    [InlineData("ada @example.com")]
    [InlineData(" ada@example.com")]
    [InlineData("ada@example.com ")]
    [InlineData(".ada@example.com")]
    [InlineData("ada.@example.com")]
    [InlineData("ada..b@example.com")]
    [InlineData("ada@.example.com")]
    [InlineData("ada@example.com.")]
    [InlineData("Ada <ada@example.com>")]
    [InlineData("ada@example.com,bob@example.com")]
    public void Email_IsRejected_WhenItIsNotOneAddress(string email)
    {
        // Act
        var violations = _users.Value.Violations(ValidUser(("Email", email)));

        // Assert
        Assert.Contains("CK_Identity_Users_Email_Is_One_Address_Without_Spaces", violations);
    }

    [Theory]
    [InlineData("active")]
    [InlineData("Deleted")]
    [InlineData("")]
    public void Status_IsRejected_WhenOutsideTheDomain(string status)
    {
        // Act
        var violations = _users.Value.Violations(ValidUser(("Status", status)));

        // Assert
        Assert.Contains("CK_Identity_Users_Status_Is_Pending_Active_Suspended_Locked_Or_Deactivated", violations);
    }

    [Theory]
    [InlineData("Pending")]
    [InlineData("Active")]
    [InlineData("Suspended")]
    [InlineData("Locked")]
    [InlineData("Deactivated")]
    public void Status_IsAccepted_WhenInTheDomain(string status)
    {
        // Act
        var violations = _users.Value.Violations(ValidUser(("Status", status)));

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void VerificationToken_IsRejected_WhenHashIsNot32Bytes()
    {
        // Act
        var violations = _users.Value.Violations(ValidUser(("VerificationTokenHash", new byte[31]), ("VerificationTokenExpiresAt", Now.AddDays(1))));

        // Assert
        Assert.Equal(["CK_Identity_Users_VerificationTokenHash_Is_32_Bytes"], violations);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void VerificationToken_IsRejected_WhenOnlyOneOfHashAndExpiryIsPresent(bool hash, bool expiry)
    {
        // Act
        var violations = _users.Value.Violations(ValidUser(
            ("VerificationTokenHash", hash ? new byte[32] : null),
            ("VerificationTokenExpiresAt", expiry ? Now.AddDays(1) : null)));

        // Assert
        Assert.Equal(["CK_Identity_Users_VerificationToken_Hash_And_Expiry_Are_Both_Present_Or_Both_Absent"], violations);
    }

    [Fact]
    public void VerificationToken_IsAccepted_WhenHashAndExpiryArePresent()
    {
        // Act
        var violations = _users.Value.Violations(ValidUser(("VerificationTokenHash", new byte[32]), ("VerificationTokenExpiresAt", Now.AddDays(1))));

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void FailedSignInCount_IsRejected_WhenNegative()
    {
        // Act
        var violations = _users.Value.Violations(ValidUser(("FailedSignInCount", -1)));

        // Assert
        Assert.Equal(["CK_Identity_Users_FailedSignInCount_Is_Not_Negative"], violations);
    }

    [Theory]
    [InlineData("PhoneNumber", "4155550123", "CK_Identity_Users_PhoneNumber_Is_E164")]
    [InlineData("PhoneNumber", "+1 415 555 01", "CK_Identity_Users_PhoneNumber_Is_E164")]
    [InlineData("PhoneNumber", "+0123456789", "CK_Identity_Users_PhoneNumber_Is_E164")]
    [InlineData("Locale", "EN-gb", "CK_Identity_Users_Locale_Is_A_Bcp47_Tag")]
    [InlineData("Locale", "en_GB", "CK_Identity_Users_Locale_Is_A_Bcp47_Tag")]
    [InlineData("TimeZone", "Europe Paris", "CK_Identity_Users_TimeZone_Is_An_Iana_Name")]
    [InlineData("TimeZone", "europe/paris", "CK_Identity_Users_TimeZone_Is_An_Iana_Name")]
    [InlineData("AvatarUrl", "http://cdn.example.com/a.png", "CK_Identity_Users_AvatarUrl_Is_An_Https_Url")]
    [InlineData("AvatarUrl", "javascript:alert(1)", "CK_Identity_Users_AvatarUrl_Is_An_Https_Url")]
    [InlineData("DisplayName", "   ", "CK_Identity_Users_DisplayName_Is_Null_Or_Not_Blank")]
    public void ProfileColumn_IsRejected_WhenMalformed(string column, string value, string constraint)
    {
        // Act
        var violations = _users.Value.Violations(ValidUser((column, value)));

        // Assert
        Assert.Equal([constraint], violations);
    }

    [Fact]
    public void ProfileColumns_AreAccepted_WhenNull()
    {
        // Act
        var violations = _users.Value.Violations(ValidUser(
            ("DisplayName", null), ("GivenName", null), ("FamilyName", null), ("PhoneNumber", null),
            ("Locale", null), ("TimeZone", null), ("AvatarUrl", null)));

        // Assert
        Assert.Empty(violations);
    }

    private static DateTime Now { get; } = new(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private static Dictionary<string, object?> ValidUser(params (string Column, object? Value)[] changes)
    {
        var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["UserId"] = 1L,
            ["TenantId"] = 1,
            ["Email"] = "ada@example.com",
            ["PasswordHash"] = Bcrypt,
            ["DisplayName"] = "Ada Lovelace",
            ["GivenName"] = "Ada",
            ["FamilyName"] = "Lovelace",
            ["PhoneNumber"] = "+447700900123",
            ["Locale"] = "en-GB",
            ["TimeZone"] = "America/Argentina/Buenos_Aires",
            ["AvatarUrl"] = "https://cdn.example.com/avatars/ada.png",
            ["Status"] = "Active",
            ["EmailVerifiedAt"] = Now,
            ["FailedSignInCount"] = 0,
            ["CreatedAt"] = Now,
            ["UpdatedAt"] = Now,
            ["ValidTo"] = DateTime.MaxValue,
        };
        foreach (var (column, value) in changes)
        {
            row[column] = value;
        }

        return row;
    }
}
