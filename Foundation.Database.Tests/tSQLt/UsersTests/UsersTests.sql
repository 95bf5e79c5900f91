/*
 UsersTests: the rules of [Identity].[Users]: every CHECK, the tenant foreign key, e-mail uniqueness per tenant, UpdatedAt kept by the engine.
 SetUp drops the security policies (inside each test's transaction), which stop tSQLt.FakeTable from renaming the table.
 A tSQLt test class, created with tSQLt.NewTestClass.
 Deploy with Install.sql; run with EXEC [tSQLt].[Run] N'UsersTests';
*/
EXEC [tSQLt].[NewTestClass] @ClassName = N'UsersTests';
GO
CREATE PROCEDURE [UsersTests].[SetUp]
AS
BEGIN
    EXEC [TestSupport].[usp_DropSecurityPolicies];
END;
GO
CREATE PROCEDURE [UsersTests].[test an email address without an at sign is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_Email_Is_One_Address_Without_Spaces';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Users_Email_Is_One_Address_Without_Spaces%';

    -- Act
    INSERT INTO [Identity].[Users] ([Email]) VALUES (N'ann.example.com');
END;
GO
CREATE PROCEDURE [UsersTests].[test an email address with two at signs is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_Email_Is_One_Address_Without_Spaces';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Users_Email_Is_One_Address_Without_Spaces%';

    -- Act
    INSERT INTO [Identity].[Users] ([Email]) VALUES (N'ann@smith@example.com');
END;
GO
CREATE PROCEDURE [UsersTests].[test an email address with a space is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_Email_Is_One_Address_Without_Spaces';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Users_Email_Is_One_Address_Without_Spaces%';

    -- Act
    INSERT INTO [Identity].[Users] ([Email]) VALUES (N'ann smith@example.com');
END;
GO
CREATE PROCEDURE [UsersTests].[test an email address with a double dot is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_Email_Is_One_Address_Without_Spaces';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Users_Email_Is_One_Address_Without_Spaces%';

    -- Act
    INSERT INTO [Identity].[Users] ([Email]) VALUES (N'ann..smith@example.com');
END;
GO
CREATE PROCEDURE [UsersTests].[test well-formed email addresses are accepted]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_Email_Is_One_Address_Without_Spaces';

    -- Assert (tSQLt fails the test if the act raises any error)
    EXEC [tSQLt].[ExpectNoException];

    -- Act
    INSERT INTO [Identity].[Users] ([Email]) VALUES (N'ann@example.com');
    INSERT INTO [Identity].[Users] ([Email]) VALUES (N'ann.o-brien+tag@mail.example.co.uk');
END;
GO
CREATE PROCEDURE [UsersTests].[test a plaintext password is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_PasswordHash_Is_Argon2id_Bcrypt_Or_AspNetIdentityV3';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Users_PasswordHash_Is_Argon2id_Bcrypt_Or_AspNetIdentityV3%';

    -- Act
    INSERT INTO [Identity].[Users] ([PasswordHash]) VALUES ('correct horse battery staple');
END;
GO
CREATE PROCEDURE [UsersTests].[test a bcrypt hash with cost below 04 is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_PasswordHash_Is_Argon2id_Bcrypt_Or_AspNetIdentityV3';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Users_PasswordHash_Is_Argon2id_Bcrypt_Or_AspNetIdentityV3%';

    -- Act
    INSERT INTO [Identity].[Users] ([PasswordHash]) VALUES ('$2b$03$' + REPLICATE('a', 53));
END;
GO
CREATE PROCEDURE [UsersTests].[test argon2id bcrypt and ASP.NET Identity v3 hashes are accepted]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_PasswordHash_Is_Argon2id_Bcrypt_Or_AspNetIdentityV3';

    -- Assert (tSQLt fails the test if the act raises any error)
    EXEC [tSQLt].[ExpectNoException];

    -- Act
    INSERT INTO [Identity].[Users] ([PasswordHash]) VALUES ('$argon2id$v=19$m=65536,t=3,p=4$' + REPLICATE('c', 22) + '$' + REPLICATE('d', 43));
    INSERT INTO [Identity].[Users] ([PasswordHash]) VALUES ('$2b$12$' + REPLICATE('a', 53));
    INSERT INTO [Identity].[Users] ([PasswordHash]) VALUES ('AQAAAAIAAYagAAAAE' + REPLICATE('x', 65) + '==');
    INSERT INTO [Identity].[Users] ([PasswordHash]) VALUES (NULL);
END;
GO
CREATE PROCEDURE [UsersTests].[test a blank DisplayName is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_DisplayName_Is_Null_Or_Not_Blank';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Users_DisplayName_Is_Null_Or_Not_Blank%';

    -- Act
    INSERT INTO [Identity].[Users] ([DisplayName]) VALUES (N' ');
END;
GO
CREATE PROCEDURE [UsersTests].[test a blank GivenName is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_GivenName_Is_Null_Or_Not_Blank';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Users_GivenName_Is_Null_Or_Not_Blank%';

    -- Act
    INSERT INTO [Identity].[Users] ([GivenName]) VALUES (N' ');
END;
GO
CREATE PROCEDURE [UsersTests].[test a blank FamilyName is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_FamilyName_Is_Null_Or_Not_Blank';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Users_FamilyName_Is_Null_Or_Not_Blank%';

    -- Act
    INSERT INTO [Identity].[Users] ([FamilyName]) VALUES (N' ');
END;
GO
CREATE PROCEDURE [UsersTests].[test a phone number without the plus sign is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_PhoneNumber_Is_E164';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Users_PhoneNumber_Is_E164%';

    -- Act
    INSERT INTO [Identity].[Users] ([PhoneNumber]) VALUES ('4420794600000');
END;
GO
CREATE PROCEDURE [UsersTests].[test a phone number with a space is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_PhoneNumber_Is_E164';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Users_PhoneNumber_Is_E164%';

    -- Act
    INSERT INTO [Identity].[Users] ([PhoneNumber]) VALUES ('+44 2079460000');
END;
GO
CREATE PROCEDURE [UsersTests].[test an E164 phone number is accepted]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_PhoneNumber_Is_E164';

    -- Assert (tSQLt fails the test if the act raises any error)
    EXEC [tSQLt].[ExpectNoException];

    -- Act
    INSERT INTO [Identity].[Users] ([PhoneNumber]) VALUES ('+442079460000');
END;
GO
CREATE PROCEDURE [UsersTests].[test a locale with an underscore is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_Locale_Is_A_Bcp47_Tag';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Users_Locale_Is_A_Bcp47_Tag%';

    -- Act
    INSERT INTO [Identity].[Users] ([Locale]) VALUES ('en_GB');
END;
GO
CREATE PROCEDURE [UsersTests].[test BCP 47 locales are accepted]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_Locale_Is_A_Bcp47_Tag';

    -- Assert (tSQLt fails the test if the act raises any error)
    EXEC [tSQLt].[ExpectNoException];

    -- Act
    INSERT INTO [Identity].[Users] ([Locale]) VALUES ('en');
    INSERT INTO [Identity].[Users] ([Locale]) VALUES ('en-GB');
    INSERT INTO [Identity].[Users] ([Locale]) VALUES ('zh-Hant-TW');
END;
GO
CREATE PROCEDURE [UsersTests].[test a time zone with a space is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_TimeZone_Is_An_Iana_Name';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Users_TimeZone_Is_An_Iana_Name%';

    -- Act
    INSERT INTO [Identity].[Users] ([TimeZone]) VALUES ('Europe/Isle of Man');
END;
GO
CREATE PROCEDURE [UsersTests].[test IANA time zone names are accepted]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_TimeZone_Is_An_Iana_Name';

    -- Assert (tSQLt fails the test if the act raises any error)
    EXEC [tSQLt].[ExpectNoException];

    -- Act
    INSERT INTO [Identity].[Users] ([TimeZone]) VALUES ('UTC');
    INSERT INTO [Identity].[Users] ([TimeZone]) VALUES ('America/Argentina/Buenos_Aires');
END;
GO
CREATE PROCEDURE [UsersTests].[test an http avatar URL is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_AvatarUrl_Is_An_Https_Url';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Users_AvatarUrl_Is_An_Https_Url%';

    -- Act
    INSERT INTO [Identity].[Users] ([AvatarUrl]) VALUES (N'http://cdn.example.com/a.png');
END;
GO
CREATE PROCEDURE [UsersTests].[test an unknown user status is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_Status_Is_Pending_Active_Suspended_Locked_Or_Deactivated';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Users_Status_Is_Pending_Active_Suspended_Locked_Or_Deactivated%';

    -- Act
    INSERT INTO [Identity].[Users] ([Status]) VALUES ('Banned');
END;
GO
CREATE PROCEDURE [UsersTests].[test every documented user status is accepted]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_Status_Is_Pending_Active_Suspended_Locked_Or_Deactivated';

    -- Assert (tSQLt fails the test if the act raises any error)
    EXEC [tSQLt].[ExpectNoException];

    -- Act
    INSERT INTO [Identity].[Users] ([Status]) VALUES ('Pending');
    INSERT INTO [Identity].[Users] ([Status]) VALUES ('Active');
    INSERT INTO [Identity].[Users] ([Status]) VALUES ('Suspended');
    INSERT INTO [Identity].[Users] ([Status]) VALUES ('Locked');
    INSERT INTO [Identity].[Users] ([Status]) VALUES ('Deactivated');
END;
GO
CREATE PROCEDURE [UsersTests].[test a verification token hash that is not 32 bytes is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_VerificationTokenHash_Is_32_Bytes';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Users_VerificationTokenHash_Is_32_Bytes%';

    -- Act
    INSERT INTO [Identity].[Users] ([VerificationTokenHash]) VALUES (0x0102);
END;
GO
CREATE PROCEDURE [UsersTests].[test a verification token hash without an expiry is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_VerificationToken_Hash_And_Expiry_Are_Both_Present_Or_Both_Absent';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Users_VerificationToken_Hash_And_Expiry_Are_Both_Present_Or_Both_Absent%';

    -- Act
    INSERT INTO [Identity].[Users] ([VerificationTokenHash], [VerificationTokenExpiresAt]) VALUES (HASHBYTES('SHA2_256', 'token'), NULL);
END;
GO
CREATE PROCEDURE [UsersTests].[test a verification token expiry without a hash is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_VerificationToken_Hash_And_Expiry_Are_Both_Present_Or_Both_Absent';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Users_VerificationToken_Hash_And_Expiry_Are_Both_Present_Or_Both_Absent%';

    -- Act
    INSERT INTO [Identity].[Users] ([VerificationTokenHash], [VerificationTokenExpiresAt]) VALUES (NULL, '2030-01-01');
END;
GO
CREATE PROCEDURE [UsersTests].[test a negative failed sign-in count is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'CK_Identity_Users_FailedSignInCount_Is_Not_Negative';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%CK_Identity_Users_FailedSignInCount_Is_Not_Negative%';

    -- Act
    INSERT INTO [Identity].[Users] ([FailedSignInCount]) VALUES (-1);
END;
GO
CREATE PROCEDURE [UsersTests].[test a user of a tenant that does not exist is rejected]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Tenancy].[Tenants]';
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'FK_Identity_Users_TenantId_Tenancy_Tenants';

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 547, @ExpectedMessagePattern = N'%FK_Identity_Users_TenantId_Tenancy_Tenants%';

    -- Act
    INSERT INTO [Identity].[Users] ([TenantId]) VALUES (42);
END;
GO
CREATE PROCEDURE [UsersTests].[test a user of an existing tenant is accepted]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Tenancy].[Tenants]';
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]';
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'FK_Identity_Users_TenantId_Tenancy_Tenants';
    INSERT INTO [Tenancy].[Tenants] ([TenantId]) VALUES (42);

    -- Assert (tSQLt fails the test if the act raises any error)
    EXEC [tSQLt].[ExpectNoException];

    -- Act
    INSERT INTO [Identity].[Users] ([TenantId]) VALUES (42);
END;
GO
CREATE PROCEDURE [UsersTests].[test an email address differing only in letter case is a duplicate within a tenant]
AS
BEGIN
    -- Arrange: @ComputedColumns = 1 keeps NormalizedEmail computed (UPPER(TRIM(Email))) in the fake, so the applied
    -- unique constraint compares normalized addresses; without it the column would stay NULL
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]', @ComputedColumns = 1;
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'UQ_Identity_Users_TenantId_NormalizedEmail';
    INSERT INTO [Identity].[Users] ([TenantId], [Email]) VALUES (1, N'ann@example.com');

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 2627, @ExpectedMessagePattern = N'%UQ_Identity_Users_TenantId_NormalizedEmail%';

    -- Act
    INSERT INTO [Identity].[Users] ([TenantId], [Email]) VALUES (1, N'Ann@Example.COM');
END;
GO
CREATE PROCEDURE [UsersTests].[test the same email address may exist in two tenants]
AS
BEGIN
    -- Arrange
    EXEC [tSQLt].[FakeTable] @TableName = N'[Identity].[Users]', @ComputedColumns = 1;
    EXEC [tSQLt].[ApplyConstraint] @TableName = N'[Identity].[Users]', @ConstraintName = N'UQ_Identity_Users_TenantId_NormalizedEmail';

    -- Act
    INSERT INTO [Identity].[Users] ([TenantId], [Email]) VALUES (1, N'ann@example.com'), (2, N'Ann@Example.com');

    -- Assert
    SELECT [TenantId], [NormalizedEmail] INTO #Actual FROM [Identity].[Users];
    CREATE TABLE #Expected ([TenantId] INT NOT NULL, [NormalizedEmail] NVARCHAR(254) NOT NULL);
    INSERT INTO #Expected ([TenantId], [NormalizedEmail]) VALUES (1, N'ANN@EXAMPLE.COM'), (2, N'ANN@EXAMPLE.COM');
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [UsersTests].[test UpdatedAt cannot be written by an update]
AS
BEGIN
    -- Arrange: the real tables, as the rule is the engine's (UpdatedAt is the period start column)
    INSERT INTO [Tenancy].[Tenants] ([Slug], [Name]) VALUES ('tsqlt-one', N'One');
    DECLARE @One INT = (SELECT [TenantId] FROM [Tenancy].[Tenants] WHERE [Slug] = 'tsqlt-one');
    INSERT INTO [Identity].[Users] ([TenantId], [Email]) VALUES (@One, N'ann@example.com');

    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedMessagePattern = N'%GENERATED ALWAYS%';

    -- Act
    -- Dynamic SQL: the engine refuses the statement when compiling it, which must happen inside the act.
    EXEC [sys].[sp_executesql] N'UPDATE [Identity].[Users] SET [UpdatedAt] = ''2000-01-01'' WHERE [TenantId] = @TenantId;', N'@TenantId INT', @TenantId = @One;
END;
GO
