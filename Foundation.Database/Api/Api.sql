CREATE SCHEMA [Api] AUTHORIZATION [dbo];
GO

EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'The interface the application role may execute. Every procedure runs under row-level security with the session context set by [Security].[usp_SetSessionContext].',
    @level0type = N'SCHEMA', @level0name = N'Api';
