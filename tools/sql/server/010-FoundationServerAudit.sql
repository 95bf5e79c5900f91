/*
 Server audit for Foundation (server level, so never in the dacpac). Run by the release pipeline BEFORE deploying the
 dacpac, as a principal with ALTER ANY SERVER AUDIT (or CONTROL SERVER). Rerunnable: creates what is missing, brings an
 existing audit back to this definition, and leaves it on.
   sqlcmd -S <server> -N -v AuditFilePath="/var/opt/mssql/audit/" -i tools/sql/server/010-FoundationServerAudit.sql
 The post-deployment step 080-Security-Audit.sql binds the database audit specification [FoundationDatabaseAudit] to it.
 ON_FAILURE = CONTINUE keeps the product available when the audit target fails; choose FAIL_OPERATION where an
 unaudited operation is worse than a failed one.
*/
SET NOCOUNT ON;
SET XACT_ABORT ON;
USE [master];
GO

IF NOT EXISTS (SELECT 1 FROM [sys].[server_audits] WHERE [name] = N'FoundationServerAudit')
BEGIN
    CREATE SERVER AUDIT [FoundationServerAudit]
        TO FILE (FILEPATH = N'$(AuditFilePath)', MAXSIZE = 256 MB, MAX_ROLLOVER_FILES = 64, RESERVE_DISK_SPACE = OFF)
        WITH (QUEUE_DELAY = 1000, ON_FAILURE = CONTINUE);
END
ELSE
BEGIN
    ALTER SERVER AUDIT [FoundationServerAudit] WITH (STATE = OFF);
    ALTER SERVER AUDIT [FoundationServerAudit]
        TO FILE (FILEPATH = N'$(AuditFilePath)', MAXSIZE = 256 MB, MAX_ROLLOVER_FILES = 64, RESERVE_DISK_SPACE = OFF)
        WITH (QUEUE_DELAY = 1000, ON_FAILURE = CONTINUE);
END;

ALTER SERVER AUDIT [FoundationServerAudit] WITH (STATE = ON);
GO

IF EXISTS (SELECT 1 FROM [sys].[server_audit_specifications] WHERE [name] = N'FoundationServerAuditSpecification')
BEGIN
    ALTER SERVER AUDIT SPECIFICATION [FoundationServerAuditSpecification] WITH (STATE = OFF);
    DROP SERVER AUDIT SPECIFICATION [FoundationServerAuditSpecification];
END;

CREATE SERVER AUDIT SPECIFICATION [FoundationServerAuditSpecification]
FOR SERVER AUDIT [FoundationServerAudit]
    ADD (FAILED_LOGIN_GROUP),
    ADD (SERVER_ROLE_MEMBER_CHANGE_GROUP),
    ADD (SERVER_PERMISSION_CHANGE_GROUP),
    ADD (SERVER_PRINCIPAL_CHANGE_GROUP),
    ADD (AUDIT_CHANGE_GROUP),
    ADD (DATABASE_CHANGE_GROUP)
WITH (STATE = ON);
GO
