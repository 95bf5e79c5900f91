/*
 Resolves what a session for @UserId may do, for [Security].[usp_SetSessionContext] and
 [Security].[usp_SetReportingSessionContext]. Runs in their context (FoundationSessionResolver), which the predicates let
 read every row, so nothing is hidden from the resolution: every assignment and every grant is seen.
 - Refuses (50201) a user who is unknown, not Active, locked out, or of a tenant that is not Active: one error for all
   of them, with no status and no lockout time in the message, so that a caller cannot learn the state of a user id of
   another tenant from it (the sign-in flow reads status and lockout from [Api].[usp_GetUserForSignIn], by tenant and
   e-mail address).
 - @IsSuperAdmin: an Active, unexpired assignment of the Active SuperAdmin role (SuperAdmin is global: docs/security.md).
 - @Permissions: '|code|code|' of the permissions of the user's Active, unexpired assignments of Active roles; every
   permission of the catalogue for a SuperAdmin. VARCHAR(MAX): no length limit (codes are ASCII by their CHECK).
 - @AssignableRoleIds: '|id|id|' of the roles the session may assign or revoke: with assignments.manage, every role
   except SuperAdmin whose every grant is a permission in @Permissions; otherwise none ('|'). Read by
   [Security].[fn_AssignmentPredicate]. Computed here, by the resolver, so that the predicate never reads
   [Identity].[RolePermissions] (which a session without grants.read cannot see) and its list can only narrow.
 No grant: reached only by ownership chaining from the session procedures.
*/
CREATE PROCEDURE [Security].[usp_ResolveSessionUser]
    @UserId BIGINT,
    @TenantId INT OUTPUT,
    @IsSuperAdmin BIT OUTPUT,
    @Permissions VARCHAR(MAX) OUTPUT,
    @AssignableRoleIds VARCHAR(MAX) OUTPUT
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Now DATETIME2(7) = SYSUTCDATETIME();
    DECLARE @NoExpiry DATETIME2(7) = DATETIME2FROMPARTS(9999, 12, 31, 23, 59, 59, 9999999, 7);
    SET @TenantId = (
        SELECT [user].[TenantId]
        FROM [Identity].[Users] AS [user]
        INNER JOIN [Tenancy].[Tenants] AS [tenant] ON [tenant].[TenantId] = [user].[TenantId]
        WHERE [user].[UserId] = @UserId
            AND [user].[Status] = 'Active'
            AND ISNULL([user].[LockoutEndsAt], @Now) <= @Now
            AND [tenant].[Status] = 'Active');

    IF @TenantId IS NULL
    BEGIN
        DECLARE @Message NVARCHAR(2048) = CONCAT(
            N'No session context was set: user ', @UserId, N' does not exist or may not start a session now.');
        THROW 50201, @Message, 1;
    END;

    -- Assignments in force: Active, not past ExpiresAt, of an Active role, in the user's own tenant.
    DECLARE @Held TABLE ([RoleId] INT NOT NULL PRIMARY KEY, [Code] VARCHAR(50) NOT NULL);
    INSERT INTO @Held ([RoleId], [Code])
    SELECT DISTINCT [role].[RoleId], [role].[Code]
    FROM [Identity].[UserRoles] AS [assignment]
    INNER JOIN [Identity].[Roles] AS [role] ON [role].[RoleId] = [assignment].[RoleId]
    WHERE [assignment].[TenantId] = @TenantId
        AND [assignment].[UserId] = @UserId
        AND [assignment].[Status] = 'Active'
        AND ISNULL([assignment].[ExpiresAt], @NoExpiry) > @Now
        AND [role].[Status] = 'Active';

    SET @IsSuperAdmin = CASE WHEN EXISTS (SELECT 1 FROM @Held WHERE [Code] = 'SuperAdmin') THEN 1 ELSE 0 END;

    SET @Permissions = '|' + ISNULL((
        SELECT STRING_AGG(CONVERT(VARCHAR(MAX), [held].[Code]), '|') WITHIN GROUP (ORDER BY [held].[Code])
        FROM (
            SELECT [permission].[Code]
            FROM [Identity].[Permissions] AS [permission]
            WHERE @IsSuperAdmin = 1
            UNION
            SELECT [permission].[Code]
            FROM @Held AS [role]
            INNER JOIN [Identity].[RolePermissions] AS [grant] ON [grant].[RoleId] = [role].[RoleId]
            INNER JOIN [Identity].[Permissions] AS [permission] ON [permission].[PermissionId] = [grant].[PermissionId]
        ) AS [held]) + '|', '');

    SET @AssignableRoleIds = '|';
    IF @IsSuperAdmin = 0 AND CHARINDEX('|assignments.manage|', @Permissions) > 0
        SET @AssignableRoleIds = '|' + ISNULL((
            SELECT STRING_AGG(CONVERT(VARCHAR(MAX), [role].[RoleId]), '|') WITHIN GROUP (ORDER BY [role].[RoleId])
            FROM [Identity].[Roles] AS [role]
            WHERE [role].[Code] <> 'SuperAdmin'
                AND NOT EXISTS (
                    SELECT 1
                    FROM [Identity].[RolePermissions] AS [grant]
                    INNER JOIN [Identity].[Permissions] AS [permission] ON [permission].[PermissionId] = [grant].[PermissionId]
                    WHERE [grant].[RoleId] = [role].[RoleId]
                        AND CHARINDEX(CONCAT('|', [permission].[Code], '|'), @Permissions) = 0)) + '|', '');
END;
