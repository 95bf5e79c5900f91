/*
 Who is calling, by principal id and SID (never by name): the database principal of the current security context and
 whether FoundationApplication is in its token (and its name, for the log). The session procedures that run as FoundationSessionResolver call it
 between EXECUTE AS CALLER and REVERT, so it sees the caller of the session procedure, not the resolver ("CALLER: when
 used inside a module, the statements inside the module are executed in the context of the caller of the module",
 EXECUTE AS (Transact-SQL)). sys.user_token lists the principals of the current token, role memberships included,
 and needs no permission. No grant: reached only by ownership chaining from the session procedures.
*/
CREATE PROCEDURE [Security].[usp_IdentifyCaller]
    @PrincipalId INT OUTPUT,
    @PrincipalSid VARBINARY(85) OUTPUT,
    @PrincipalName NVARCHAR(128) OUTPUT,
    @IsApplication BIT OUTPUT
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    SET @PrincipalId = DATABASE_PRINCIPAL_ID();
    -- Its name, for the log only (a principal always sees its own name; nothing is decided on it).
    SET @PrincipalName = USER_NAME();
    SET @PrincipalSid = (SELECT [token].[sid] FROM [sys].[user_token] AS [token] WHERE [token].[principal_id] = @PrincipalId);
    SET @IsApplication = CASE
        WHEN EXISTS (
            SELECT 1
            FROM [sys].[user_token] AS [token]
            WHERE [token].[principal_id] = DATABASE_PRINCIPAL_ID(N'FoundationApplication')) THEN 1
        ELSE 0
    END;
END;
