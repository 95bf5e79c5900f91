/*
 Gives the deployment's own session (post-deployment seeds, data migrations) a sealed system context: every tenant and
 every permission, so that seeds pass the block predicates without switching a policy off. Executable by
 FoundationDeployer (and db_owner). Safe to call again in a session that already has a deployment context; refused
 (50200) in a session that has any other context. Every call is recorded in [Security].[PrivilegedSessions].
*/
CREATE PROCEDURE [Security].[usp_SetDeploymentSessionContext]
WITH EXECUTE AS N'FoundationSessionResolver'
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF TRY_CAST(SESSION_CONTEXT(N'Foundation.IsSystem') AS BIT) = 1
        AND EXISTS (SELECT 1 FROM [Security].[fn_SessionIsTrusted]())
        RETURN;

    DELETE FROM [Security].[SessionSeals] WHERE [SessionId] = @@SPID;

    IF SESSION_CONTEXT(N'Foundation.UserId') IS NOT NULL
        OR SESSION_CONTEXT(N'Foundation.TenantId') IS NOT NULL
        OR SESSION_CONTEXT(N'Foundation.IsSuperAdmin') IS NOT NULL
        OR SESSION_CONTEXT(N'Foundation.IsSystem') IS NOT NULL
        OR SESSION_CONTEXT(N'Foundation.Permissions') IS NOT NULL
        OR SESSION_CONTEXT(N'Foundation.SessionNonce') IS NOT NULL
        THROW 50200, N'The session context is already set on this session. Call [Security].[usp_SetDeploymentSessionContext] before anything else, on a new connection.', 1;

    DECLARE @Now DATETIME2(7) = SYSUTCDATETIME();
    DECLARE @Nonce VARBINARY(32) = CRYPT_GEN_RANDOM(32);
    DECLARE @True BIT = 1;
    DECLARE @NoPermissions NVARCHAR(4000) = N'|';

    -- No UserId and no TenantId: a deployment acts for no Foundation user.
    EXECUTE [Security].[usp_SetReadOnlySessionKey] @Key = N'Foundation.IsSuperAdmin', @Value = @True;
    EXECUTE [Security].[usp_SetReadOnlySessionKey] @Key = N'Foundation.IsSystem', @Value = @True;
    EXECUTE [Security].[usp_SetReadOnlySessionKey] @Key = N'Foundation.Permissions', @Value = @NoPermissions;
    EXECUTE [Security].[usp_SetReadOnlySessionKey] @Key = N'Foundation.SessionNonce', @Value = @Nonce;

    BEGIN TRANSACTION;

    INSERT INTO [Security].[SessionSeals] ([SessionId], [ContextHash], [UserId], [SealedAt])
    SELECT @@SPID, [context].[ContextHash], NULL, @Now
    FROM [Security].[fn_SessionContextHash]() AS [context];

    INSERT INTO [Security].[PrivilegedSessions] ([Kind], [SessionId], [UserId], [LoginName], [HostName], [ApplicationName], [StartedAt])
    VALUES ('Deployment', @@SPID, NULL, ORIGINAL_LOGIN(), HOST_NAME(), APP_NAME(), @Now);

    COMMIT TRANSACTION;
END;
