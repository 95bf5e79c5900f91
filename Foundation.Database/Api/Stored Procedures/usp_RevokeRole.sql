/*
 Revokes an active assignment. Row-level security decides: the assignment must be visible (assignments.read), and the
 update needs assignments.manage and a role the session may delegate ([Security].[fn_AssignmentPredicate]: a tenant
 administrator cannot revoke a SuperAdmin assignment, or one of a role carrying a permission they do not hold); the
 procedure asks the same function first (50216), the block predicate (33504) refuses any other path.
 Takes effect on the user's next session.
*/
CREATE PROCEDURE [Api].[usp_RevokeRole]
    @UserRoleId BIGINT,
    @Reason NVARCHAR(400) = NULL
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF NOT EXISTS (SELECT 1 FROM [Security].[fn_SessionIsTrusted]())
        THROW 50210, N'No trusted session context: call [Security].[usp_SetSessionContext] first on this connection.', 1;

    DECLARE @TenantId INT;
    DECLARE @RoleId INT;
    SELECT @TenantId = [TenantId], @RoleId = [RoleId]
    FROM [Identity].[UserRoles]
    WHERE [UserRoleId] = @UserRoleId
        AND [Status] = 'Active';

    IF @TenantId IS NULL
        THROW 50213, N'No active assignment with this id is visible to this session.', 1;

    IF NOT EXISTS (SELECT 1 FROM [Security].[fn_AssignmentPredicate](@TenantId, @RoleId, 'assignments.manage'))
        THROW 50216, N'This session may not assign or revoke this role: it needs assignments.manage in the user''s tenant and every permission the role carries (SuperAdmin: a SuperAdmin session).', 1;

    UPDATE [Identity].[UserRoles]
    SET [Status] = 'Revoked',
        [RevokedAt] = SYSUTCDATETIME(),
        [RevokedByUserId] = TRY_CAST(SESSION_CONTEXT(N'Foundation.UserId') AS BIGINT),
        [Reason] = ISNULL(@Reason, [Reason])
    WHERE [UserRoleId] = @UserRoleId
        AND [Status] = 'Active';

    IF @@ROWCOUNT = 0
        THROW 50213, N'No active assignment with this id is visible to this session.', 1;
END;
