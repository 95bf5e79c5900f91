/*
 020 Identity permissions: the permission catalogue Foundation owns (IsSystem = 1), keyed on Code (<category>.<action>).
 Safe to run again: a missing permission is added, a seeded one that drifted (category, action, description) is put back.
 Permissions an operator added (IsSystem = 0, codes not listed here) are never updated or deleted: there is no WHEN NOT MATCHED BY SOURCE.
 The catalogue is global: roles.*, permissions.* and grants.* let a session change it only in a SuperAdmin or deployment
 session (fn_CataloguePredicate); held by a tenant role they open nothing. Runs in the deployment session (000).
*/
SET NOCOUNT ON;

MERGE [Identity].[Permissions] WITH (HOLDLOCK) AS [Target]
USING (
    SELECT
        CAST([Catalogue].[Category] + '.' + [Catalogue].[Action] AS VARCHAR(71)) AS [Code],
        [Catalogue].[Category],
        [Catalogue].[Action],
        [Catalogue].[Description]
    FROM (
        VALUES
            ('tenants', 'read', N'See tenants.'),
            ('tenants', 'create', N'Create tenants.'),
            ('tenants', 'update', N'Change a tenant''s name and status.'),
            ('tenants', 'delete', N'Delete tenants.'),
            ('tenants', 'manage', N'Administer tenants, including their life cycle.'),
            ('users', 'read', N'See the users of a tenant.'),
            ('users', 'create', N'Invite or create users in a tenant.'),
            ('users', 'update', N'Change other users'' profiles and status.'),
            ('users', 'delete', N'Delete users from a tenant.'),
            ('users', 'manage', N'Administer users, including lockouts and password resets.'),
            ('roles', 'read', N'See the role catalogue.'),
            ('roles', 'create', N'Create roles.'),
            ('roles', 'update', N'Change a role''s name, description and status.'),
            ('roles', 'delete', N'Delete roles.'),
            ('roles', 'manage', N'Administer the role catalogue.'),
            ('permissions', 'read', N'See the permission catalogue.'),
            ('permissions', 'manage', N'Administer the permission catalogue.'),
            ('assignments', 'read', N'See which users hold which roles.'),
            ('assignments', 'manage', N'Assign roles to users and revoke them.'),
            ('grants', 'read', N'See which permissions each role holds.'),
            ('grants', 'manage', N'Grant permissions to roles and withdraw them.'),
            ('audit', 'read', N'Read the audit trail.'),
            ('profile', 'read', N'Read one''s own user profile.'),
            ('profile', 'update', N'Update one''s own user profile.')
    ) AS [Catalogue] ([Category], [Action], [Description])
) AS [Source]
ON [Target].[Code] = [Source].[Code]
WHEN MATCHED AND (
        -- Binary collation: a change of letter case is drift too.
        [Target].[Category] <> [Source].[Category] COLLATE Latin1_General_BIN2
        OR [Target].[Action] <> [Source].[Action] COLLATE Latin1_General_BIN2
        OR [Target].[Description] <> [Source].[Description] COLLATE Latin1_General_BIN2
        OR [Target].[IsSystem] <> 1) THEN
    UPDATE SET
        [Code] = [Source].[Code],
        [Category] = [Source].[Category],
        [Action] = [Source].[Action],
        [Description] = [Source].[Description],
        [IsSystem] = 1
WHEN NOT MATCHED BY TARGET THEN
    INSERT ([Code], [Category], [Action], [Description], [IsSystem])
    VALUES ([Source].[Code], [Source].[Category], [Source].[Action], [Source].[Description], 1);
