/*
 010 Identity roles: the roles Foundation owns (IsSystem = 1), keyed on Code.
   SuperAdmin: the platform operator. GLOBAL, not tenant-local: one Active assignment, in whichever tenant it is
     recorded, makes the session a SuperAdmin session (fn_TenantAccessPredicate opens every tenant; fn_SessionHasPermission
     grants every permission). Only a SuperAdmin or deployment session may assign or revoke it (fn_AssignmentPredicate)
     and only such a session may change the global role, permission and grant catalogues (fn_CataloguePredicate).
   BasicUser: a user's own profile, in their own tenant.
 Safe to run again: a missing role is added, a role that drifted from the release (name, description, status) is put back.
 Roles an operator added are never touched. Only rows that differ are updated, so a redeploy writes no history rows.
 Runs in the deployment session (000), which the block predicates of [Identity].[Roles] admit (IsSystem).
*/
SET NOCOUNT ON;

MERGE [Identity].[Roles] WITH (HOLDLOCK) AS [Target]
USING (
    VALUES
        ('SuperAdmin', N'Super administrator', N'Platform operator: every permission in every tenant; the only role that may assign SuperAdmin or change the global roles, permissions and grants.'),
        ('BasicUser', N'Basic user', N'May read and update their own profile.')
) AS [Source] ([Code], [Name], [Description])
ON [Target].[Code] = [Source].[Code]
WHEN MATCHED AND (
        -- Binary collation: a change of letter case is drift too.
        [Target].[Name] <> [Source].[Name] COLLATE Latin1_General_BIN2
        OR [Target].[Description] <> [Source].[Description] COLLATE Latin1_General_BIN2
        OR [Target].[Status] <> 'Active' COLLATE Latin1_General_BIN2
        OR [Target].[IsSystem] <> 1) THEN
    UPDATE SET
        [Name] = [Source].[Name],
        [Description] = [Source].[Description],
        [Status] = 'Active',
        [IsSystem] = 1
WHEN NOT MATCHED BY TARGET THEN
    INSERT ([Code], [Name], [Description], [IsSystem], [Status])
    VALUES ([Source].[Code], [Source].[Name], [Source].[Description], 1, 'Active');
