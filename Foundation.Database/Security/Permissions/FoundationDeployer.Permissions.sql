-- A dacpac deployment creates and alters security policies, users, roles, permissions and database options:
-- in practice db_owner. Row-level security does not restrain db_owner (it can alter the policies); docs/security.md
-- says how that is mitigated (audit of schema and permission changes, privileged-session log).
ALTER ROLE [db_owner] ADD MEMBER [FoundationDeployer];
GO
GRANT EXECUTE ON OBJECT::[Security].[usp_SetDeploymentSessionContext] TO [FoundationDeployer];
