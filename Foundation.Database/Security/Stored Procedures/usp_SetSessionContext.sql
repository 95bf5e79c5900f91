/*
 Establishes who the session acts for. The application calls it first on every connection it opens or takes from the
 pool (a pool reset clears the session context), with the id of the signed-in user, outside other MARS batches.
 - A repeated call for the same user is a no-op; a call for another user fails (50205) and leaves the context intact;
   keys that match no seal fail (50200). See [Security].[usp_EstablishUserSession] and [Security].[usp_SealSessionContext].
 - Refuses (50201) users that are unknown, not Active, locked out, or of a tenant that is not Active
   ([Security].[usp_ResolveSessionUser]).
 - Seals, then sets read-only keys Foundation.UserId, Foundation.TenantId, Foundation.IsSuperAdmin, Foundation.IsSystem
   (0) and Foundation.SessionNonce; the permission list and the roles the session may assign live in the seal row.
 - Logs in [Security].[PrivilegedSessions] every SuperAdmin session, and every call by a principal that is not a member
   of FoundationApplication (recognised by principal id in its security token, [Security].[usp_IdentifyCaller]).
 Runs as FoundationSessionResolver, the one principal the predicates let read before a context exists; executable by
 FoundationApplication only (FoundationReporting is denied it: reporting uses usp_SetReportingSessionContext).
*/
CREATE PROCEDURE [Security].[usp_SetSessionContext]
    @UserId BIGINT
WITH EXECUTE AS N'FoundationSessionResolver'
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @CallerPrincipalId INT;
    DECLARE @CallerPrincipalSid VARBINARY(85);
    DECLARE @CallerPrincipalName NVARCHAR(128);
    DECLARE @CallerIsApplication BIT;
    EXECUTE AS CALLER;
    EXECUTE [Security].[usp_IdentifyCaller]
        @PrincipalId = @CallerPrincipalId OUTPUT, @PrincipalSid = @CallerPrincipalSid OUTPUT,
        @PrincipalName = @CallerPrincipalName OUTPUT, @IsApplication = @CallerIsApplication OUTPUT;
    REVERT;

    EXECUTE [Security].[usp_EstablishUserSession]
        @Kind = 'Application', @UserId = @UserId, @CallerPrincipalId = @CallerPrincipalId,
        @CallerPrincipalName = @CallerPrincipalName, @CallerIsApplication = @CallerIsApplication;
END;
