/*
 One page of a tenant's users, keyset-paged by UserId (pass the last UserId of the previous page as @AfterUserId):
 a range seek on the (TenantId, UserId) clustered key. @TenantId defaults to the session's tenant; another tenant
 returns rows only for a SuperAdmin session, because row-level security filters the rest.
*/
CREATE PROCEDURE [Api].[usp_ListUsers]
    @TenantId INT = NULL,
    @AfterUserId BIGINT = 0,
    @PageSize INT = 50
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF NOT EXISTS (SELECT 1 FROM [Security].[fn_SessionIsTrusted]())
        THROW 50210, N'No trusted session context: call [Security].[usp_SetSessionContext] first on this connection.', 1;

    IF @PageSize NOT BETWEEN 1 AND 500
        THROW 50215, N'@PageSize must be between 1 and 500.', 1;

    DECLARE @Tenant INT = ISNULL(@TenantId, TRY_CAST(SESSION_CONTEXT(N'Foundation.TenantId') AS INT));

    SELECT TOP (@PageSize)
        [UserId], [TenantId], [Email], [DisplayName], [Status], [EmailVerifiedAt], [LastSignInAt], [CreatedAt]
    FROM [Identity].[Users]
    WHERE [TenantId] = @Tenant
        AND [UserId] > @AfterUserId
    ORDER BY [UserId];
END;
