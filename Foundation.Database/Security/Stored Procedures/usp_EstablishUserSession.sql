/*
 The common part of [Security].[usp_SetSessionContext] (Kind Application) and [Security].[usp_SetReportingSessionContext]
 (Kind Reporting), which identify their caller first (it must be done in the module that runs as the resolver):
 a repeated call for the same user is a no-op; a session without a context gets the user resolved
 ([Security].[usp_ResolveSessionUser]) and sealed ([Security].[usp_SealSessionContext]); any other state is refused by
 usp_SealSessionContext (50205, 50200) without resolving anything. Logged in [Security].[PrivilegedSessions]: every
 Reporting session; an Application session when the caller is not a member of FoundationApplication (NonApplication)
 or the user is a SuperAdmin. No grant: reached by ownership chaining, in the resolver's context.
*/
CREATE PROCEDURE [Security].[usp_EstablishUserSession]
    @Kind VARCHAR(20),
    @UserId BIGINT,
    @CallerPrincipalId INT,
    @CallerPrincipalName NVARCHAR(128),
    @CallerIsApplication BIT
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @State VARCHAR(10) = (SELECT [State] FROM [Security].[fn_SessionContextState](@Kind, @UserId));
    IF @State = 'Same'
        RETURN;

    DECLARE @TenantId INT;
    DECLARE @IsSuperAdmin BIT;
    DECLARE @Permissions VARCHAR(MAX);
    DECLARE @AssignableRoleIds VARCHAR(MAX);
    IF @State = 'None'
        EXECUTE [Security].[usp_ResolveSessionUser]
            @UserId = @UserId, @TenantId = @TenantId OUTPUT, @IsSuperAdmin = @IsSuperAdmin OUTPUT,
            @Permissions = @Permissions OUTPUT, @AssignableRoleIds = @AssignableRoleIds OUTPUT;

    DECLARE @IsSystem BIT = 0;
    DECLARE @PrivilegedKind VARCHAR(20) = CASE
        WHEN @Kind = 'Reporting' THEN 'Reporting'
        WHEN @CallerIsApplication = 0 THEN 'NonApplication'
        WHEN @IsSuperAdmin = 1 THEN 'SuperAdmin'
    END;

    EXECUTE [Security].[usp_SealSessionContext]
        @Kind = @Kind, @UserId = @UserId, @TenantId = @TenantId, @IsSuperAdmin = @IsSuperAdmin,
        @IsSystem = @IsSystem, @Permissions = @Permissions, @AssignableRoleIds = @AssignableRoleIds,
        @CallerPrincipalId = @CallerPrincipalId, @CallerPrincipalName = @CallerPrincipalName, @PrivilegedKind = @PrivilegedKind;
END;
