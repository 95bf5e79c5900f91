/*
 Gives the deployment's own session (post-deployment seeds, data migrations) a sealed system context: every tenant and
 every permission, so that seeds pass the block predicates without switching a policy off. Executable by
 FoundationDeployer (and db_owner). Called after DacFx's schema change (post-deployment step 000), never before it:
 a change to [Security].[fn_ContextHash] or the seal would leave a context set earlier unsealed.
 Trust is checked against the seal itself ([Security].[fn_SessionContextState]); no principal is trusted by name or id:
 - a repeat call in a session with a valid deployment context is a no-op;
 - a session with any other valid context fails with 50205, one whose keys match no seal (a stale seal after a
   schema change, or keys set by hand) with 50200: the deployment stops there, loudly, instead of running its seeds
   and migrations in a session that every predicate would treat as untrusted.
 Runs as its caller (no EXECUTE AS: it reads no row under row-level security). Every context it sets is logged in
 [Security].[PrivilegedSessions] (Kind Deployment).
*/
CREATE PROCEDURE [Security].[usp_SetDeploymentSessionContext]
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF EXISTS (SELECT 1 FROM [Security].[fn_SessionContextState]('Deployment', NULL) WHERE [State] = 'Same')
        RETURN;

    DECLARE @CallerPrincipalId INT;
    DECLARE @CallerPrincipalSid VARBINARY(85);
    DECLARE @CallerPrincipalName NVARCHAR(128);
    DECLARE @CallerIsApplication BIT;
    EXECUTE [Security].[usp_IdentifyCaller]
        @PrincipalId = @CallerPrincipalId OUTPUT, @PrincipalSid = @CallerPrincipalSid OUTPUT,
        @PrincipalName = @CallerPrincipalName OUTPUT, @IsApplication = @CallerIsApplication OUTPUT;

    -- IsSystem grants every tenant, permission and role (the predicates test it first); the lists stay empty.
    DECLARE @True BIT = 1;
    DECLARE @EmptyList VARCHAR(MAX) = '|';
    EXECUTE [Security].[usp_SealSessionContext]
        @Kind = 'Deployment', @UserId = NULL, @TenantId = NULL, @IsSuperAdmin = @True,
        @IsSystem = @True, @Permissions = @EmptyList, @AssignableRoleIds = @EmptyList,
        @CallerPrincipalId = @CallerPrincipalId, @CallerPrincipalName = @CallerPrincipalName, @PrivilegedKind = 'Deployment';
END;
