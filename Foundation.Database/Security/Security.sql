CREATE SCHEMA [Security] AUTHORIZATION [dbo];
GO

EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'Row-level security: the session procedures, the session seal, the predicate functions and security policies, database roles and their grants. See docs/security.md.',
    @level0type = N'SCHEMA', @level0name = N'Security';
