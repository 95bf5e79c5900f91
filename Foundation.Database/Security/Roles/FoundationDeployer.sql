-- Deploys the dacpac (a db_owner member) and runs the post-deployment seeds under a deployment session. See docs/security.md.
CREATE ROLE [FoundationDeployer] AUTHORIZATION [dbo];
