-- One row when the session holds the permission: its code is in the permission list of the session's seal
-- ('|code|code|', resolved by the session procedures from active, unexpired assignments), or the session is a
-- deployment (IsSystem) or SuperAdmin session (a SuperAdmin holds every permission, in every tenant), or the caller is
-- the session resolver. Reading the seal also proves the context is trusted. Uncorrelated: evaluated once per query.
CREATE FUNCTION [Security].[fn_SessionHasPermission](@PermissionCode VARCHAR(71))
RETURNS TABLE
WITH SCHEMABINDING
AS
RETURN
SELECT 1 AS [HasPermission]
WHERE DATABASE_PRINCIPAL_ID() = DATABASE_PRINCIPAL_ID(N'FoundationSessionResolver')
    OR EXISTS (
        SELECT 1
        FROM [Security].[fn_SessionSeal]() AS [seal]
        WHERE [seal].[IsSystem] = 1
            OR [seal].[IsSuperAdmin] = 1
            OR CHARINDEX(CONCAT('|', @PermissionCode, '|'), [seal].[Permissions]) > 0);
