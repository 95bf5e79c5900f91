-- One row when the session holds the permission: its code is in the read-only key Foundation.Permissions
-- ('|code|code|', set by [Security].[usp_SetSessionContext] from active, unexpired assignments), or the session is a
-- deployment session, or the caller is the session resolver. Reads no table: a scalar test, evaluated once per query.
-- Callers combine it with [Security].[fn_SessionIsTrusted], which proves the keys were not forged.
CREATE FUNCTION [Security].[fn_SessionHasPermission](@PermissionCode VARCHAR(71))
RETURNS TABLE
WITH SCHEMABINDING
AS
RETURN
SELECT 1 AS [HasPermission]
WHERE USER_NAME() = N'FoundationSessionResolver'
    OR TRY_CAST(SESSION_CONTEXT(N'Foundation.IsSystem') AS BIT) = 1
    OR CHARINDEX(
        CONCAT(N'|', @PermissionCode, N'|'),
        TRY_CAST(SESSION_CONTEXT(N'Foundation.Permissions') AS NVARCHAR(4000))) > 0;
