/*
 ProfileUpdateTests: [Api].[usp_UpdateMyProfile] leaves a field it is not given as it is, clears a field only on its
 explicit clear flag, and refuses a value with its clear flag, or nothing to do (50217). Sessions use the keys made
 writable by TestSupport.usp_BeginSessionTest (see docs/testing.md).
 Arranged by SetUp: tenant acme with ann (BasicUser): DisplayName 'Ann A.', GivenName 'Ann', FamilyName 'Able', Locale 'en',
 TimeZone 'Europe/Paris'.
 A tSQLt test class, created with tSQLt.NewTestClass.
*/
EXEC [tSQLt].[NewTestClass] @ClassName = N'ProfileUpdateTests';
GO
CREATE PROCEDURE [ProfileUpdateTests].[SetUp]
AS
BEGIN
    EXEC [TestSupport].[usp_BeginSessionTest];
    EXEC [Security].[usp_SetDeploymentSessionContext];

    INSERT INTO [Tenancy].[Tenants] ([Slug], [Name]) VALUES ('tsqlt-acme', N'Acme');
    INSERT INTO [Identity].[Users] ([TenantId], [Email], [Status], [DisplayName], [GivenName], [FamilyName], [Locale], [TimeZone])
    SELECT [TenantId], N'ann@acme.example', 'Active', N'Ann A.', N'Ann', N'Able', 'en', 'Europe/Paris'
    FROM [Tenancy].[Tenants] WHERE [Slug] = 'tsqlt-acme';
    INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId])
    SELECT [User].[TenantId], [User].[UserId], [Role].[RoleId]
    FROM [Identity].[Users] AS [User] CROSS JOIN [Identity].[Roles] AS [Role]
    WHERE [User].[Email] = N'ann@acme.example' AND [Role].[Code] = 'BasicUser';

    EXEC [TestSupport].[usp_ClearSessionContext];
    DECLARE @Ann BIGINT = (SELECT [UserId] FROM [Identity].[Users] WHERE [Email] = N'ann@acme.example');
    EXEC [Security].[usp_SetSessionContext] @UserId = @Ann;
END;
GO
CREATE PROCEDURE [ProfileUpdateTests].[test a field left out keeps its value]
AS
BEGIN
    -- Arrange
    CREATE TABLE #Expected ([DisplayName] NVARCHAR(100) NULL, [GivenName] NVARCHAR(100) NULL, [FamilyName] NVARCHAR(100) NULL, [Locale] VARCHAR(35) NULL, [TimeZone] VARCHAR(64) NULL);
    INSERT INTO #Expected VALUES (N'Annie', N'Ann', N'Able', 'en', 'Europe/Paris');
    CREATE TABLE #Version ([RowVersion] BINARY(8) NOT NULL);

    -- Act
    INSERT INTO #Version ([RowVersion]) EXEC [Api].[usp_UpdateMyProfile] @DisplayName = N'Annie';

    -- Assert
    SELECT [DisplayName], [GivenName], [FamilyName], [Locale], [TimeZone] INTO #Actual FROM [Identity].[Users] WHERE [Email] = N'ann@acme.example';
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [ProfileUpdateTests].[test a clear flag sets its field to NULL and leaves the others]
AS
BEGIN
    -- Arrange
    CREATE TABLE #Expected ([DisplayName] NVARCHAR(100) NULL, [GivenName] NVARCHAR(100) NULL, [FamilyName] NVARCHAR(100) NULL, [Locale] VARCHAR(35) NULL, [TimeZone] VARCHAR(64) NULL);
    INSERT INTO #Expected VALUES (N'Ann A.', NULL, N'Able', 'en', NULL);
    CREATE TABLE #Version ([RowVersion] BINARY(8) NOT NULL);

    -- Act
    INSERT INTO #Version ([RowVersion]) EXEC [Api].[usp_UpdateMyProfile] @ClearGivenName = 1, @ClearTimeZone = 1;

    -- Assert
    SELECT [DisplayName], [GivenName], [FamilyName], [Locale], [TimeZone] INTO #Actual FROM [Identity].[Users] WHERE [Email] = N'ann@acme.example';
    EXEC [tSQLt].[AssertEqualsTable] @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
CREATE PROCEDURE [ProfileUpdateTests].[test a value together with its clear flag is refused]
AS
BEGIN
    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 50217;

    -- Act
    EXEC [Api].[usp_UpdateMyProfile] @GivenName = N'Anna', @ClearGivenName = 1;
END;
GO
CREATE PROCEDURE [ProfileUpdateTests].[test a call with nothing to change is refused]
AS
BEGIN
    -- Assert (tSQLt checks the expected error when the test ends)
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 50217;

    -- Act
    EXEC [Api].[usp_UpdateMyProfile];
END;
GO
