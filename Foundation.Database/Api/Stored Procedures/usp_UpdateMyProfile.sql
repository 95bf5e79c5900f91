/*
 Updates the session user's own profile columns (never status, e-mail, password or lockout columns).
 A parameter left out (NULL) leaves its column as it is; @Clear<Column> = 1 sets the column to NULL. Giving a value and
 its clear flag together, or nothing at all, is refused (50217) without writing anything.
 Row-level security decides: profile.update for one's own row (block predicate, error 33504 otherwise).
 @RowVersion, when given, must still match (optimistic concurrency); 50214 when the row changed meanwhile.
 Returns the new RowVersion.
*/
CREATE PROCEDURE [Api].[usp_UpdateMyProfile]
    @DisplayName NVARCHAR(100) = NULL,
    @GivenName NVARCHAR(100) = NULL,
    @FamilyName NVARCHAR(100) = NULL,
    @Locale VARCHAR(35) = NULL,
    @TimeZone VARCHAR(64) = NULL,
    @ClearDisplayName BIT = 0,
    @ClearGivenName BIT = 0,
    @ClearFamilyName BIT = 0,
    @ClearLocale BIT = 0,
    @ClearTimeZone BIT = 0,
    @RowVersion BINARY(8) = NULL
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF NOT EXISTS (SELECT 1 FROM [Security].[fn_SessionIsTrusted]())
        THROW 50210, N'No trusted session context: call [Security].[usp_SetSessionContext] first on this connection.', 1;

    DECLARE @Clear BIT = 1;
    IF (@ClearDisplayName = @Clear AND @DisplayName IS NOT NULL)
        OR (@ClearGivenName = @Clear AND @GivenName IS NOT NULL)
        OR (@ClearFamilyName = @Clear AND @FamilyName IS NOT NULL)
        OR (@ClearLocale = @Clear AND @Locale IS NOT NULL)
        OR (@ClearTimeZone = @Clear AND @TimeZone IS NOT NULL)
        THROW 50217, N'A profile field was given a value and a clear flag at once; nothing was changed.', 1;

    IF @DisplayName IS NULL AND @GivenName IS NULL AND @FamilyName IS NULL AND @Locale IS NULL AND @TimeZone IS NULL
        AND ISNULL(@ClearDisplayName, 0) = 0 AND ISNULL(@ClearGivenName, 0) = 0 AND ISNULL(@ClearFamilyName, 0) = 0
        AND ISNULL(@ClearLocale, 0) = 0 AND ISNULL(@ClearTimeZone, 0) = 0
        THROW 50217, N'Nothing to update: give at least one profile field or clear flag; nothing was changed.', 1;

    DECLARE @UserId BIGINT = TRY_CAST(SESSION_CONTEXT(N'Foundation.UserId') AS BIGINT);
    DECLARE @TenantId INT = TRY_CAST(SESSION_CONTEXT(N'Foundation.TenantId') AS INT);

    UPDATE [Identity].[Users]
    SET [DisplayName] = CASE WHEN @ClearDisplayName = @Clear THEN NULL ELSE ISNULL(@DisplayName, [DisplayName]) END,
        [GivenName] = CASE WHEN @ClearGivenName = @Clear THEN NULL ELSE ISNULL(@GivenName, [GivenName]) END,
        [FamilyName] = CASE WHEN @ClearFamilyName = @Clear THEN NULL ELSE ISNULL(@FamilyName, [FamilyName]) END,
        [Locale] = CASE WHEN @ClearLocale = @Clear THEN NULL ELSE ISNULL(@Locale, [Locale]) END,
        [TimeZone] = CASE WHEN @ClearTimeZone = @Clear THEN NULL ELSE ISNULL(@TimeZone, [TimeZone]) END
    WHERE [TenantId] = @TenantId
        AND [UserId] = @UserId
        AND (@RowVersion IS NULL OR CAST([RowVersion] AS BINARY(8)) = @RowVersion);

    IF @@ROWCOUNT = 0
        THROW 50214, N'Your profile changed since it was read, or is not visible to this session; read it again.', 1;

    SELECT [RowVersion] FROM [Identity].[Users] WHERE [TenantId] = @TenantId AND [UserId] = @UserId;
END;
