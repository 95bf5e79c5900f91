/*
 010 Identity roles: the roles Foundation owns (IsSystem = 1), keyed on Code.
 Safe to run again: a missing role is added, a role that drifted from the release (name, description, status) is put back.
 Roles an operator added are never touched. Only rows that differ are updated, so a redeploy writes no history rows.
*/
SET NOCOUNT ON;

MERGE [Identity].[Roles] WITH (HOLDLOCK) AS [Target]
USING (
    VALUES
        ('SuperAdmin', N'Super administrator', N'Holds every permission, in every tenant it is assigned in.'),
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
