/*
 000 Deployment session: gives this deployment's connection a sealed system context, so that the seeds and data
 migrations below pass the row-level security block predicates while every policy stays on. Recorded in
 [Security].[PrivilegedSessions]. Safe to run again in the same session (the procedure returns at once).
*/
EXECUTE [Security].[usp_SetDeploymentSessionContext];
GO
