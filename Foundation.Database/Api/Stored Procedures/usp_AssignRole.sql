/*
 Assigns a role to a user of the session's visible tenants, and returns the new UserRoleId.
 Row-level security decides: the user must be visible (users.read, or oneself), and the insert needs assignments.manage
 in the user's tenant and a role the session may delegate: SuperAdmin only by a SuperAdmin or deployment session, any
 other role only by a session that holds every permission of the role ([Security].[fn_AssignmentPredicate], the block
 predicate of [Identity].[UserRoles]). The procedure asks the same function first, to refuse with a clear error (50216);
 the block predicate (33504) refuses any other path. Takes effect on the user's next session.
*/
CREATE PROCEDURE [Api].[usp_AssignRole]
    @UserId BIGINT,
    @RoleCode VARCHAR(50),
    @ExpiresAt DATETIME2(7) = NULL,
    @Reason NVARCHAR(400) = NULL
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF NOT EXISTS (SELECT 1 FROM [Security].[fn_SessionIsTrusted]())
        THROW 50210, N'No trusted session context: call [Security].[usp_SetSessionContext] first on this connection.', 1;

    DECLARE @TenantId INT = (SELECT [TenantId] FROM [Identity].[Users] WHERE [UserId] = @UserId);
    IF @TenantId IS NULL
        THROW 50211, N'The user does not exist or is not visible to this session.', 1;

    DECLARE @RoleId INT = (SELECT [RoleId] FROM [Identity].[Roles] WHERE [Code] = @RoleCode AND [Status] = 'Active');
    IF @RoleId IS NULL
        THROW 50212, N'The role does not exist or is disabled.', 1;

    IF NOT EXISTS (SELECT 1 FROM [Security].[fn_AssignmentPredicate](@TenantId, @RoleId, 'assignments.manage'))
        THROW 50216, N'This session may not assign or revoke this role: it needs assignments.manage in the user''s tenant and every permission the role carries (SuperAdmin: a SuperAdmin session).', 1;

    INSERT INTO [Identity].[UserRoles] ([TenantId], [UserId], [RoleId], [AssignedByUserId], [ExpiresAt], [Reason])
    VALUES (@TenantId, @UserId, @RoleId, TRY_CAST(SESSION_CONTEXT(N'Foundation.UserId') AS BIGINT), @ExpiresAt, @Reason);

    SELECT CAST(SCOPE_IDENTITY() AS BIGINT) AS [UserRoleId];
END;
