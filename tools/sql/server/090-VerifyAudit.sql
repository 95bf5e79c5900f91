/*
 Run by the release pipeline AFTER deploying the dacpac: fails (error 50299) unless the server audit and Foundation's
 database audit specification exist and are on. The post-deployment step only warns when it cannot bind the
 specification; this makes the release fail instead.
   sqlcmd -S <server> -N -b -v DatabaseName="Foundation" -i tools/sql/server/090-VerifyAudit.sql
*/
SET NOCOUNT ON;
USE [$(DatabaseName)];
GO

IF NOT EXISTS (SELECT 1 FROM [sys].[server_audits] WHERE [name] = N'FoundationServerAudit' AND [is_state_enabled] = 1)
    THROW 50299, N'Server audit [FoundationServerAudit] is missing or off: run tools/sql/server/010-FoundationServerAudit.sql.', 1;

IF NOT EXISTS (
    SELECT 1
    FROM [sys].[database_audit_specifications] AS [specification]
    INNER JOIN [sys].[server_audits] AS [audit] ON [audit].[audit_guid] = [specification].[audit_guid]
    WHERE [specification].[name] = N'FoundationDatabaseAudit'
        AND [specification].[is_state_enabled] = 1
        AND [audit].[name] = N'FoundationServerAudit')
    THROW 50299, N'Database audit specification [FoundationDatabaseAudit] is missing, off or bound elsewhere: deploy the dacpac again after the server audit exists.', 1;

PRINT N'Audit verified: [FoundationServerAudit] is on and [FoundationDatabaseAudit] is bound to it.';
GO
