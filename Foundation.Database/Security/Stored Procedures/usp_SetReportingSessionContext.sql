/*
 Gives a reporting connection the session context of the Foundation user its database principal is mapped to in
 [Security].[ReportingPrincipals] (a reviewed mapping, written by db_owner only). It takes no parameter: a reporting
 principal cannot choose whom it reads as, and cannot call [Security].[usp_SetSessionContext] (DENY).
 - The calling principal is recognised by principal id and SID ([Security].[usp_IdentifyCaller]); unmapped: 50206.
 - The mapped user is resolved and sealed as for the application (50201, 50205, 50200 as there); the session is
   always logged in [Security].[PrivilegedSessions] (Kind Reporting).
 Runs as FoundationSessionResolver; executable by FoundationReporting.
*/
CREATE PROCEDURE [Security].[usp_SetReportingSessionContext]
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

    DECLARE @UserId BIGINT = (
        SELECT [mapping].[UserId]
        FROM [Security].[ReportingPrincipals] AS [mapping]
        WHERE [mapping].[PrincipalId] = @CallerPrincipalId
            AND [mapping].[PrincipalSid] = @CallerPrincipalSid);
    IF @UserId IS NULL
    BEGIN
        DECLARE @Message NVARCHAR(2048) = CONCAT(
            N'Database principal ', @CallerPrincipalId, N' has no reviewed reporting scope in [Security].[ReportingPrincipals]; no session context was set. See tools/sql/database/020-ReportingPrincipal.sql.');
        THROW 50206, @Message, 1;
    END;

    EXECUTE [Security].[usp_EstablishUserSession]
        @Kind = 'Reporting', @UserId = @UserId, @CallerPrincipalId = @CallerPrincipalId,
        @CallerPrincipalName = @CallerPrincipalName, @CallerIsApplication = @CallerIsApplication;
END;
