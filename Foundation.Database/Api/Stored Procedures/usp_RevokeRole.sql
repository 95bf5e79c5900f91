/*
 Revokes an active assignment. Row-level security decides: the assignment must be visible (assignments.read) and the
 update needs assignments.manage (block predicate, error 33504 otherwise). Takes effect on the user's next session.
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
