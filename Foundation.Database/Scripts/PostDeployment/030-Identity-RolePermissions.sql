/*
 030 Identity role-permission grants of the seeded roles: SuperAdmin holds every permission in the catalogue
 (operator-added ones included), BasicUser holds profile.read and profile.update. A SuperAdmin session holds every
 permission whatever these rows say (fn_SessionHasPermission); the rows keep [Identity].[RolePermissions] truthful for
 readers. Grants are global (every tenant's holders of a role get them): only a SuperAdmin or deployment session may
 write them (fn_CataloguePredicate), and a tenant administrator may assign a role only when holding all of its grants.
 Safe to run again: a missing grant is added back (GrantedByUserId NULL = granted by the seed).
 Grants are never deleted here: a grant an operator added stays, whichever role it is on.
 Runs after 010 and 020, which create the roles and permissions it names.
*/
SET NOCOUNT ON;

MERGE [Identity].[RolePermissions] WITH (HOLDLOCK) AS [Target]
USING (
    SELECT [Role].[RoleId], [Permission].[PermissionId]
    FROM [Identity].[Roles] AS [Role]
    CROSS JOIN [Identity].[Permissions] AS [Permission]
    WHERE [Role].[Code] = 'SuperAdmin'
    UNION
    SELECT [Role].[RoleId], [Permission].[PermissionId]
    FROM (
        VALUES
            ('BasicUser', 'profile.read'),
            ('BasicUser', 'profile.update')
    ) AS [Grant] ([RoleCode], [PermissionCode])
    INNER JOIN [Identity].[Roles] AS [Role] ON [Role].[Code] = [Grant].[RoleCode]
    INNER JOIN [Identity].[Permissions] AS [Permission] ON [Permission].[Code] = [Grant].[PermissionCode]
) AS [Source]
ON [Target].[RoleId] = [Source].[RoleId]
    AND [Target].[PermissionId] = [Source].[PermissionId]
WHEN NOT MATCHED BY TARGET THEN
    INSERT ([RoleId], [PermissionId], [GrantedByUserId])
    VALUES ([Source].[RoleId], [Source].[PermissionId], NULL);
