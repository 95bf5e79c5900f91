/*
 080 Database audit specification [FoundationDatabaseAudit], bound to the server audit [FoundationServerAudit] that the
 release pipeline creates with tools/sql/server/010-FoundationServerAudit.sql (server-level, so not in the dacpac; and
 a database audit specification that names a server audit the model lacks does not build: SQL71501).
 Recreated on every deployment so that it always matches the release; skipped with a warning when the server audit is
 missing or not visible to the deploying principal. tools/sql/server/090-VerifyAudit.sql fails the release then.
 Audited: reads of the tables and the procedure that hold password hashes and verification tokens, every change to
 roles, permissions, grants and assignments, every session establishment, every change to the reporting mapping,
 every update or delete of the privileged-session log, and changes to principals, role membership, permissions and
 schema objects (security policies and predicate functions included).
*/
SET NOCOUNT ON;

IF EXISTS (SELECT 1 FROM [sys].[server_audits] WHERE [name] = N'FoundationServerAudit')
BEGIN
    IF EXISTS (SELECT 1 FROM [sys].[database_audit_specifications] WHERE [name] = N'FoundationDatabaseAudit')
    BEGIN
        ALTER DATABASE AUDIT SPECIFICATION [FoundationDatabaseAudit] WITH (STATE = OFF);
        DROP DATABASE AUDIT SPECIFICATION [FoundationDatabaseAudit];
    END;

    -- Dynamic SQL: the statement names the server audit, which is resolved when it runs, not when the script is parsed.
    EXECUTE (N'
CREATE DATABASE AUDIT SPECIFICATION [FoundationDatabaseAudit]
FOR SERVER AUDIT [FoundationServerAudit]
    ADD (SELECT ON OBJECT::[Identity].[Users] BY [public]),
    ADD (SELECT ON OBJECT::[History].[Users] BY [public]),
    ADD (EXECUTE ON OBJECT::[Api].[usp_GetUserForSignIn] BY [public]),
    ADD (INSERT, UPDATE, DELETE ON OBJECT::[Identity].[Roles] BY [public]),
    ADD (INSERT, UPDATE, DELETE ON OBJECT::[Identity].[Permissions] BY [public]),
    ADD (INSERT, UPDATE, DELETE ON OBJECT::[Identity].[RolePermissions] BY [public]),
    ADD (INSERT, UPDATE, DELETE ON OBJECT::[Identity].[UserRoles] BY [public]),
    ADD (EXECUTE ON OBJECT::[Api].[usp_AssignRole] BY [public]),
    ADD (EXECUTE ON OBJECT::[Api].[usp_RevokeRole] BY [public]),
    ADD (EXECUTE ON OBJECT::[Security].[usp_SetSessionContext] BY [public]),
    ADD (EXECUTE ON OBJECT::[Security].[usp_SetDeploymentSessionContext] BY [public]),
    ADD (EXECUTE ON OBJECT::[Security].[usp_SetReportingSessionContext] BY [public]),
    ADD (INSERT, UPDATE, DELETE ON OBJECT::[Security].[ReportingPrincipals] BY [public]),
    ADD (UPDATE, DELETE ON OBJECT::[Security].[PrivilegedSessions] BY [public]),
    ADD (DATABASE_ROLE_MEMBER_CHANGE_GROUP),
    ADD (DATABASE_PRINCIPAL_CHANGE_GROUP),
    ADD (DATABASE_PRINCIPAL_IMPERSONATION_GROUP),
    ADD (DATABASE_PERMISSION_CHANGE_GROUP),
    ADD (SCHEMA_OBJECT_PERMISSION_CHANGE_GROUP),
    ADD (SCHEMA_OBJECT_CHANGE_GROUP),
    ADD (DATABASE_OBJECT_CHANGE_GROUP)
WITH (STATE = ON);');
END
ELSE
BEGIN
    PRINT N'WARNING: server audit [FoundationServerAudit] is missing or not visible to this principal (it needs ALTER ANY SERVER AUDIT or VIEW ANY DEFINITION); the database audit specification [FoundationDatabaseAudit] was not created. Run tools/sql/server/010-FoundationServerAudit.sql and deploy again.';
END;
GO
