/*
 Maps a reporting database principal to the Foundation user it reports as, in [Security].[ReportingPrincipals]: the
 reviewed change that decides what a reporting connection can read. Run in the Foundation database by a db_owner member
 (the table has no grant for anyone else), after 010-FoundationPrincipals.sql created the principal; every change is
 audited (FoundationDatabaseAudit) and the lookup runs in a logged deployment session. Rerunnable: the mapping of the
 principal is replaced.
   sqlcmd -S <server> -d <database> -N -b -v ReportingPrincipal="foundation-reporting" TenantSlug="acme" \
     UserEmail="reports@acme.example" Reason="Nightly tenant report, ticket SEC-123" ReviewedBy="jane.doe" \
     -i tools/sql/database/020-ReportingPrincipal.sql
 The user should be a dedicated Foundation user of that tenant whose roles give exactly what the reports read
 (e.g. users.read, assignments.read); reporting connections never write, whatever the user's roles allow.
*/
SET NOCOUNT ON;
SET XACT_ABORT ON;

DECLARE @PrincipalId INT = DATABASE_PRINCIPAL_ID(N'$(ReportingPrincipal)');
DECLARE @PrincipalSid VARBINARY(85) = (SELECT [sid] FROM [sys].[database_principals] WHERE [principal_id] = @PrincipalId);
IF @PrincipalId IS NULL OR @PrincipalSid IS NULL
    THROW 50207, N'The reporting principal $(ReportingPrincipal) is not a user of this database: run tools/sql/database/010-FoundationPrincipals.sql first.', 1;

-- The user lookup reads [Identity].[Users] under row-level security: in a sealed, logged deployment session.
EXECUTE [Security].[usp_SetDeploymentSessionContext];
DECLARE @UserId BIGINT = (
    SELECT [user].[UserId]
    FROM [Identity].[Users] AS [user]
    INNER JOIN [Tenancy].[Tenants] AS [tenant] ON [tenant].[TenantId] = [user].[TenantId]
    WHERE [tenant].[Slug] = N'$(TenantSlug)'
        AND [user].[NormalizedEmail] = UPPER(TRIM(N'$(UserEmail)')));
IF @UserId IS NULL
    THROW 50207, N'No user $(UserEmail) in tenant $(TenantSlug).', 1;

BEGIN TRANSACTION;
DELETE FROM [Security].[ReportingPrincipals] WHERE [PrincipalId] = @PrincipalId OR [PrincipalSid] = @PrincipalSid;
INSERT INTO [Security].[ReportingPrincipals] ([PrincipalId], [PrincipalSid], [PrincipalName], [UserId], [Reason], [ReviewedBy])
VALUES (@PrincipalId, @PrincipalSid, N'$(ReportingPrincipal)', @UserId, N'$(Reason)', N'$(ReviewedBy)');
COMMIT TRANSACTION;

PRINT CONCAT(N'Reporting principal $(ReportingPrincipal) (id ', @PrincipalId, N') now reads as user ', @UserId, N' of tenant $(TenantSlug).');
GO
