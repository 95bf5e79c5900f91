/*
 Updates the session user's own profile columns (never status, e-mail, password or lockout columns).
 Row-level security decides: profile.update for one's own row (block predicate, error 33504 otherwise).
 @RowVersion, when given, must still match (optimistic concurrency); 50214 when the row changed meanwhile.
*/
CREATE PROCEDURE [Api].[usp_UpdateMyProfile]
    @DisplayName NVARCHAR(100) = NULL,
    @GivenName NVARCHAR(100) = NULL,
    @FamilyName NVARCHAR(100) = NULL,
    @Locale VARCHAR(35) = NULL,
    @TimeZone VARCHAR(64) = NULL,
    @RowVersion BINARY(8) = NULL
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF NOT EXISTS (SELECT 1 FROM [Security].[fn_SessionIsTrusted]())
        THROW 50210, N'No trusted session context: call [Security].[usp_SetSessionContext] first on this connection.', 1;

    DECLARE @UserId BIGINT = TRY_CAST(SESSION_CONTEXT(N'Foundation.UserId') AS BIGINT);
    DECLARE @TenantId INT = TRY_CAST(SESSION_CONTEXT(N'Foundation.TenantId') AS INT);

    UPDATE [Identity].[Users]
    SET [DisplayName] = @DisplayName,
        [GivenName] = @GivenName,
        [FamilyName] = @FamilyName,
        [Locale] = @Locale,
        [TimeZone] = @TimeZone
    WHERE [TenantId] = @TenantId
        AND [UserId] = @UserId
        -- The explicit cast states the BINARY(8) to ROWVERSION comparison (code analysis rule SR0014).
        AND (@RowVersion IS NULL OR [RowVersion] = CAST(@RowVersion AS ROWVERSION));

    IF @@ROWCOUNT = 0
        THROW 50214, N'Your profile changed since it was read, or is not visible to this session; read it again.', 1;

    SELECT [RowVersion] FROM [Identity].[Users] WHERE [TenantId] = @TenantId AND [UserId] = @UserId;
END;
