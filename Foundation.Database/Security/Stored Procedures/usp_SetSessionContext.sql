/*
 Establishes who the session acts for. The application calls it once, first, on every connection it opens or takes
 from the pool (a pool reset clears the session context), with the id of the signed-in user.
 - Refuses (50200) when any Foundation key is already set: keys set beforehand by anyone else cannot be overwritten
   and would otherwise shadow the real ones.
 - Refuses users that are not Active (50202), locked out (50203), of a tenant that is not Active (50204), or unknown (50201).
 - Sets read-only keys: Foundation.UserId, Foundation.TenantId, Foundation.IsSuperAdmin (an active, unexpired
   assignment of the SuperAdmin role), Foundation.IsSystem (0), Foundation.Permissions ('|code|code|' from active,
   unexpired assignments of active roles) and Foundation.SessionNonce (32 random bytes);
   then seals them: [Security].[SessionSeals] keeps the hash for this session id, and the predicates grant nothing
   to a context that does not hash to it.
 - Records SuperAdmin sessions in [Security].[PrivilegedSessions].
 Runs as FoundationSessionResolver, the one principal the predicates let read before a context exists.
*/
CREATE PROCEDURE [Security].[usp_SetSessionContext]
    @UserId BIGINT
WITH EXECUTE AS N'FoundationSessionResolver'
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    -- Whatever happens next, a seal left by an earlier connection with this session id is gone.
    DELETE FROM [Security].[SessionSeals] WHERE [SessionId] = @@SPID;

    IF SESSION_CONTEXT(N'Foundation.UserId') IS NOT NULL
        OR SESSION_CONTEXT(N'Foundation.TenantId') IS NOT NULL
        OR SESSION_CONTEXT(N'Foundation.IsSuperAdmin') IS NOT NULL
        OR SESSION_CONTEXT(N'Foundation.IsSystem') IS NOT NULL
        OR SESSION_CONTEXT(N'Foundation.Permissions') IS NOT NULL
        OR SESSION_CONTEXT(N'Foundation.SessionNonce') IS NOT NULL
        THROW 50200, N'The session context is already set on this session. Call [Security].[usp_SetSessionContext] once, before anything else, on a new or reset connection.', 1;

    DECLARE @Now DATETIME2(7) = SYSUTCDATETIME();
    -- An assignment without ExpiresAt never expires; ISNULL keeps NULL out of the comparison (code analysis rule SR0007).
    DECLARE @NeverExpires DATETIME2(7) = CONVERT(DATETIME2(7), '9999-12-31T23:59:59.9999999', 126);
    DECLARE @TenantId INT;
    DECLARE @UserStatus VARCHAR(20);
    DECLARE @LockoutEndsAt DATETIME2(7);
    DECLARE @TenantStatus VARCHAR(20);

    SELECT
        @TenantId = [user].[TenantId],
        @UserStatus = [user].[Status],
        @LockoutEndsAt = [user].[LockoutEndsAt],
        @TenantStatus = [tenant].[Status]
    FROM [Identity].[Users] AS [user]
    INNER JOIN [Tenancy].[Tenants] AS [tenant] ON [tenant].[TenantId] = [user].[TenantId]
    WHERE [user].[UserId] = @UserId;

    DECLARE @Message NVARCHAR(2048);
    IF @TenantId IS NULL
    BEGIN
        SET @Message = CONCAT(N'No user has the id ', @UserId, N'; no session context was set.');
        THROW 50201, @Message, 1;
    END;

    IF @UserStatus <> 'Active'
    BEGIN
        SET @Message = CONCAT(N'User ', @UserId, N' is ', @UserStatus, N'; only Active users get a session context.');
        THROW 50202, @Message, 1;
    END;

    IF @LockoutEndsAt > @Now
    BEGIN
        SET @Message = CONCAT(N'User ', @UserId, N' is locked out until ', CONVERT(NVARCHAR(33), @LockoutEndsAt, 126), N' UTC; no session context was set.');
        THROW 50203, @Message, 1;
    END;

    IF @TenantStatus <> 'Active'
    BEGIN
        SET @Message = CONCAT(N'The tenant of user ', @UserId, N' is ', @TenantStatus, N'; no session context was set.');
        THROW 50204, @Message, 1;
    END;

    -- Assignments in force: Active, not past ExpiresAt, of an Active role, in the user's own tenant.
    DECLARE @IsSuperAdmin BIT = CASE WHEN EXISTS (
        SELECT 1
        FROM [Identity].[UserRoles] AS [assignment]
        INNER JOIN [Identity].[Roles] AS [role] ON [role].[RoleId] = [assignment].[RoleId]
        WHERE [assignment].[TenantId] = @TenantId
            AND [assignment].[UserId] = @UserId
            AND [assignment].[Status] = 'Active'
            AND ISNULL([assignment].[ExpiresAt], @NeverExpires) > @Now
            AND [role].[Status] = 'Active'
            AND [role].[Code] = 'SuperAdmin') THEN 1 ELSE 0 END;

    DECLARE @Permissions NVARCHAR(4000) = CONCAT(N'|', (
        SELECT STRING_AGG(CONVERT(NVARCHAR(4000), [held].[Code]), N'|') WITHIN GROUP (ORDER BY [held].[Code])
        FROM (
            SELECT DISTINCT [permission].[Code]
            FROM [Identity].[UserRoles] AS [assignment]
            INNER JOIN [Identity].[Roles] AS [role] ON [role].[RoleId] = [assignment].[RoleId]
            INNER JOIN [Identity].[RolePermissions] AS [grant] ON [grant].[RoleId] = [role].[RoleId]
            INNER JOIN [Identity].[Permissions] AS [permission] ON [permission].[PermissionId] = [grant].[PermissionId]
            WHERE [assignment].[TenantId] = @TenantId
                AND [assignment].[UserId] = @UserId
                AND [assignment].[Status] = 'Active'
                AND ISNULL([assignment].[ExpiresAt], @NeverExpires) > @Now
                AND [role].[Status] = 'Active') AS [held]), N'|');

    DECLARE @Nonce VARBINARY(32) = CRYPT_GEN_RANDOM(32);
    DECLARE @IsSystem BIT = 0;

    EXECUTE [Security].[usp_SetReadOnlySessionKey] @Key = N'Foundation.UserId', @Value = @UserId;
    EXECUTE [Security].[usp_SetReadOnlySessionKey] @Key = N'Foundation.TenantId', @Value = @TenantId;
    EXECUTE [Security].[usp_SetReadOnlySessionKey] @Key = N'Foundation.IsSuperAdmin', @Value = @IsSuperAdmin;
    EXECUTE [Security].[usp_SetReadOnlySessionKey] @Key = N'Foundation.IsSystem', @Value = @IsSystem;
    EXECUTE [Security].[usp_SetReadOnlySessionKey] @Key = N'Foundation.Permissions', @Value = @Permissions;
    EXECUTE [Security].[usp_SetReadOnlySessionKey] @Key = N'Foundation.SessionNonce', @Value = @Nonce;

    BEGIN TRANSACTION;

    INSERT INTO [Security].[SessionSeals] ([SessionId], [ContextHash], [UserId], [SealedAt])
    SELECT @@SPID, [context].[ContextHash], @UserId, @Now
    FROM [Security].[fn_SessionContextHash]() AS [context];

    IF @IsSuperAdmin = 1
        INSERT INTO [Security].[PrivilegedSessions] ([Kind], [SessionId], [UserId], [LoginName], [HostName], [ApplicationName], [StartedAt])
        VALUES ('SuperAdmin', @@SPID, @UserId, ORIGINAL_LOGIN(), HOST_NAME(), APP_NAME(), @Now);

    COMMIT TRANSACTION;
END;
