/*
 000 Deployment session: gives this deployment's connection a sealed system context, so that the seeds and data
 migrations below pass the row-level security block predicates while every policy stays on. Recorded in
 [Security].[PrivilegedSessions]. The context is established here and nowhere earlier (design contract): a context
 sealed before a schema change that alters [Security].[fn_SessionContextHash] would no longer match its seal.
 Foundation.Deploy runs the post-deployment script on a new session for the same reason; SqlPackage's session has no
 context before this step. Every generated data migration refuses to run without a trusted context.
*/
EXECUTE [Security].[usp_SetDeploymentSessionContext];
GO
