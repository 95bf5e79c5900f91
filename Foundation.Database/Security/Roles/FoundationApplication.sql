-- The application: EXECUTE on the Api schema and on [Security].[usp_SetSessionContext]; no table access. See docs/security.md.
CREATE ROLE [FoundationApplication] AUTHORIZATION [dbo];
