/*
 The permission codes the session holds, as [Security].[usp_SetSessionContext] resolved them (read-only keys),
 and whether it is a SuperAdmin session. Reads no table.
*/
CREATE PROCEDURE [Api].[usp_GetMyPermissions]
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF NOT EXISTS (SELECT 1 FROM [Security].[fn_SessionIsTrusted]())
        THROW 50210, N'No trusted session context: call [Security].[usp_SetSessionContext] first on this connection.', 1;

    SELECT
        CAST([code].[value] AS VARCHAR(71)) AS [PermissionCode],
        TRY_CAST(SESSION_CONTEXT(N'Foundation.IsSuperAdmin') AS BIT) AS [IsSuperAdmin]
    FROM STRING_SPLIT(TRY_CAST(SESSION_CONTEXT(N'Foundation.Permissions') AS NVARCHAR(4000)), N'|') AS [code]
    WHERE [code].[value] <> N''
    ORDER BY [PermissionCode];
END;
