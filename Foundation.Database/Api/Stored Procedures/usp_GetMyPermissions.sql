/*
 The permission codes the session holds, as the session procedure resolved them (the permission list of the session's
 seal, [Security].[fn_SessionSeal]), and whether it is a SuperAdmin session. Reads only the seal.
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
        [seal].[IsSuperAdmin]
    FROM [Security].[fn_SessionSeal]() AS [seal]
    CROSS APPLY STRING_SPLIT([seal].[Permissions], '|') AS [code]
    WHERE [code].[value] <> ''
    ORDER BY [PermissionCode];
END;
