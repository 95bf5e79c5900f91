/*
 Sign-in lookup, before any session context exists: the user with this e-mail address in the tenant with this slug,
 with what the application needs to verify the password and decide (status, lockout). Returns no row when there is none.
 Runs as FoundationSessionResolver, so it can read across tenants; it reads exactly one tenant's row by its unique key.
 Every execution is recorded by the database audit specification (it returns a password hash).
*/
CREATE PROCEDURE [Api].[usp_GetUserForSignIn]
    @TenantSlug VARCHAR(63),
    @Email NVARCHAR(254)
WITH EXECUTE AS N'FoundationSessionResolver'
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    SELECT
        [user].[UserId],
        [user].[TenantId],
        [user].[Status],
        [user].[PasswordHash],
        [user].[FailedSignInCount],
        [user].[LockoutEndsAt],
        [tenant].[Status] AS [TenantStatus]
    FROM [Tenancy].[Tenants] AS [tenant]
    INNER JOIN [Identity].[Users] AS [user] ON [user].[TenantId] = [tenant].[TenantId]
    WHERE [tenant].[Slug] = @TenantSlug
        AND [user].[NormalizedEmail] = CAST(UPPER(TRIM(@Email)) AS NVARCHAR(254));
END;
