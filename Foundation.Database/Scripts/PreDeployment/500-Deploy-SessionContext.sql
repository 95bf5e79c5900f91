/*
 500 Before the data-migration down steps (510, generated): give this session the deployment context, so that the
 down steps see and may change every tenant's rows under row-level security. Absent on a first deployment.
*/
IF OBJECT_ID(N'[Security].[usp_SetDeploymentSessionContext]', N'P') IS NOT NULL
    EXEC [Security].[usp_SetDeploymentSessionContext];
GO
