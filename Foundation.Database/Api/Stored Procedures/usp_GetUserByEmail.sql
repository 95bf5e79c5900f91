/*
 A user of the session's tenant by e-mail address (the profile, never the password or token hashes).
 Row-level security decides: with users.read any user of the tenant, otherwise only the caller's own row.
 Returns no row when there is none or it is not visible.
*/
CREATE PROCEDURE [Api].[usp_GetUserByEmail]
    @Email NVARCHAR(254)
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF NOT EXISTS (SELECT 1 FROM [Security].[fn_SessionIsTrusted]())
        THROW 50210, N'No trusted session context: call [Security].[usp_SetSessionContext] first on this connection.', 1;

    SELECT
        [UserId], [TenantId], [Email], [DisplayName], [GivenName], [FamilyName], [PhoneNumber], [Locale], [TimeZone],
        [AvatarUrl], [Status], [EmailVerifiedAt], [LastSignInAt], [CreatedAt], [UpdatedAt], [RowVersion]
    FROM [Identity].[Users]
    WHERE [TenantId] = TRY_CAST(SESSION_CONTEXT(N'Foundation.TenantId') AS INT)
        AND [NormalizedEmail] = CAST(UPPER(TRIM(@Email)) AS NVARCHAR(254));
END;
