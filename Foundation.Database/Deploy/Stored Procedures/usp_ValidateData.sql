/*
 Data validation: returns one row per violation (an empty result means the data is consistent). Run by the
 post-deployment script after every publish and rollback (violations fail the deployment with their list) and by
 `Foundation.Deploy verify`. Each check returns at most 100 rows. The caller must see every tenant's rows: the
 deployment session context (Security.usp_SetDeploymentSessionContext) gives it that under row-level security.
*/
CREATE PROCEDURE [Deploy].[usp_ValidateData]
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Violations TABLE
    (
        [CheckName] NVARCHAR(128) NOT NULL,
        [TableName] NVARCHAR(256) NOT NULL,
        [RowKey] NVARCHAR(200) NULL,
        [Detail] NVARCHAR(1000) NOT NULL
    );

    -- Orphans: the foreign keys prevent these unless someone disabled or dropped a constraint.
    INSERT INTO @Violations ([CheckName], [TableName], [RowKey], [Detail])
    SELECT TOP (100) N'UserWithoutTenant', N'[Identity].[Users]', CONCAT(N'UserId=', [u].[UserId]),
           CONCAT(N'TenantId ', [u].[TenantId], N' does not exist in [Tenancy].[Tenants].')
    FROM [Identity].[Users] AS [u]
    WHERE NOT EXISTS (SELECT 1 FROM [Tenancy].[Tenants] AS [t] WHERE [t].[TenantId] = [u].[TenantId]);

    INSERT INTO @Violations ([CheckName], [TableName], [RowKey], [Detail])
    SELECT TOP (100) N'AssignmentWithoutUser', N'[Identity].[UserRoles]', CONCAT(N'UserRoleId=', [ur].[UserRoleId]),
           CONCAT(N'User ', [ur].[UserId], N' of tenant ', [ur].[TenantId], N' does not exist.')
    FROM [Identity].[UserRoles] AS [ur]
    WHERE NOT EXISTS (SELECT 1 FROM [Identity].[Users] AS [u] WHERE [u].[TenantId] = [ur].[TenantId] AND [u].[UserId] = [ur].[UserId]);

    INSERT INTO @Violations ([CheckName], [TableName], [RowKey], [Detail])
    SELECT TOP (100) N'AssignmentWithoutRole', N'[Identity].[UserRoles]', CONCAT(N'UserRoleId=', [ur].[UserRoleId]),
           CONCAT(N'Role ', [ur].[RoleId], N' does not exist.')
    FROM [Identity].[UserRoles] AS [ur]
    WHERE NOT EXISTS (SELECT 1 FROM [Identity].[Roles] AS [r] WHERE [r].[RoleId] = [ur].[RoleId]);

    INSERT INTO @Violations ([CheckName], [TableName], [RowKey], [Detail])
    SELECT TOP (100) N'GrantWithoutRoleOrPermission', N'[Identity].[RolePermissions]', CONCAT(N'RoleId=', [rp].[RoleId], N', PermissionId=', [rp].[PermissionId]),
           N'The role or the permission of this grant does not exist.'
    FROM [Identity].[RolePermissions] AS [rp]
    WHERE NOT EXISTS (SELECT 1 FROM [Identity].[Roles] AS [r] WHERE [r].[RoleId] = [rp].[RoleId])
       OR NOT EXISTS (SELECT 1 FROM [Identity].[Permissions] AS [p] WHERE [p].[PermissionId] = [rp].[PermissionId]);

    -- Business rules no constraint can express.
    INSERT INTO @Violations ([CheckName], [TableName], [RowKey], [Detail])
    SELECT TOP (100) N'ActiveAssignmentOfDisabledRole', N'[Identity].[UserRoles]', CONCAT(N'UserRoleId=', [ur].[UserRoleId]),
           CONCAT(N'Active assignment of disabled role ', [r].[Code], N' to user ', [ur].[UserId], N'.')
    FROM [Identity].[UserRoles] AS [ur]
    JOIN [Identity].[Roles] AS [r] ON [r].[RoleId] = [ur].[RoleId]
    WHERE [ur].[Status] = 'Active' AND [r].[Status] = 'Disabled';

    INSERT INTO @Violations ([CheckName], [TableName], [RowKey], [Detail])
    SELECT TOP (100) N'ActiveAssignmentOfDeactivatedUser', N'[Identity].[UserRoles]', CONCAT(N'UserRoleId=', [ur].[UserRoleId]),
           CONCAT(N'Active assignment held by deactivated user ', [ur].[UserId], N'.')
    FROM [Identity].[UserRoles] AS [ur]
    JOIN [Identity].[Users] AS [u] ON [u].[TenantId] = [ur].[TenantId] AND [u].[UserId] = [ur].[UserId]
    WHERE [ur].[Status] = 'Active' AND [u].[Status] = 'Deactivated';

    -- Seeds: the system roles, the permission catalogue and the grants the design contract fixes.
    DECLARE @Roles TABLE ([Code] VARCHAR(50) NOT NULL PRIMARY KEY);
    INSERT INTO @Roles ([Code]) VALUES ('SuperAdmin'), ('BasicUser');

    DECLARE @Permissions TABLE ([Code] VARCHAR(71) NOT NULL PRIMARY KEY);
    INSERT INTO @Permissions ([Code])
    VALUES ('tenants.read'), ('tenants.create'), ('tenants.update'), ('tenants.delete'), ('tenants.manage'),
           ('users.read'), ('users.create'), ('users.update'), ('users.delete'), ('users.manage'),
           ('roles.read'), ('roles.create'), ('roles.update'), ('roles.delete'), ('roles.manage'),
           ('permissions.read'), ('permissions.manage'),
           ('assignments.read'), ('assignments.manage'),
           ('grants.read'), ('grants.manage'),
           ('audit.read'),
           ('profile.read'), ('profile.update');

    INSERT INTO @Violations ([CheckName], [TableName], [RowKey], [Detail])
    SELECT N'SeedRoleMissing', N'[Identity].[Roles]', CONCAT(N'Code=', [s].[Code]), N'The system role is missing or not marked IsSystem.'
    FROM @Roles AS [s]
    WHERE NOT EXISTS (SELECT 1 FROM [Identity].[Roles] AS [r] WHERE [r].[Code] = [s].[Code] AND [r].[IsSystem] = 1);

    INSERT INTO @Violations ([CheckName], [TableName], [RowKey], [Detail])
    SELECT N'SeedPermissionMissing', N'[Identity].[Permissions]', CONCAT(N'Code=', [s].[Code]), N'The system permission is missing or not marked IsSystem.'
    FROM @Permissions AS [s]
    WHERE NOT EXISTS (SELECT 1 FROM [Identity].[Permissions] AS [p] WHERE [p].[Code] = [s].[Code] AND [p].[IsSystem] = 1);

    INSERT INTO @Violations ([CheckName], [TableName], [RowKey], [Detail])
    SELECT N'SeedGrantMissing', N'[Identity].[RolePermissions]', CONCAT(N'SuperAdmin/', [p].[Code]), N'SuperAdmin must hold every permission.'
    FROM [Identity].[Permissions] AS [p]
    JOIN [Identity].[Roles] AS [r] ON [r].[Code] = 'SuperAdmin'
    WHERE NOT EXISTS (SELECT 1 FROM [Identity].[RolePermissions] AS [rp] WHERE [rp].[RoleId] = [r].[RoleId] AND [rp].[PermissionId] = [p].[PermissionId]);

    INSERT INTO @Violations ([CheckName], [TableName], [RowKey], [Detail])
    SELECT N'SeedGrantMissing', N'[Identity].[RolePermissions]', CONCAT(N'BasicUser/', [s].[Code]), N'BasicUser must hold profile.read and profile.update.'
    FROM (VALUES ('profile.read'), ('profile.update')) AS [s] ([Code])
    JOIN [Identity].[Roles] AS [r] ON [r].[Code] = 'BasicUser'
    WHERE NOT EXISTS (
        SELECT 1 FROM [Identity].[RolePermissions] AS [rp]
        JOIN [Identity].[Permissions] AS [p] ON [p].[PermissionId] = [rp].[PermissionId]
        WHERE [rp].[RoleId] = [r].[RoleId] AND [p].[Code] = [s].[Code]);

    SELECT [CheckName], [TableName], [RowKey], [Detail]
    FROM @Violations
    ORDER BY [CheckName], [TableName], [RowKey];
END;
