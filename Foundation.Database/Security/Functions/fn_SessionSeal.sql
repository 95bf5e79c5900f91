-- This session's seal, when the context it holds now hashes to it: the one proof that a session procedure set the
-- context. No bypass for any principal (the session procedures use it to tell a valid context from a stale or forged
-- one). Reads only [Security].[SessionSeals], which no security policy covers, so nothing can hide the row from it:
-- a missing or non-matching row grants nothing. The permission list and the assignable roles live in the row.
CREATE FUNCTION [Security].[fn_SessionSeal]()
RETURNS TABLE
WITH SCHEMABINDING
AS
RETURN
SELECT
    [seal].[Kind],
    [seal].[UserId],
    [seal].[IsSuperAdmin],
    [seal].[IsSystem],
    [seal].[Permissions],
    [seal].[AssignableRoleIds]
FROM [Security].[SessionSeals] AS [seal]
INNER JOIN [Security].[fn_SessionContextHash]() AS [context]
    ON [context].[ContextHash] = [seal].[ContextHash]
WHERE [seal].[SessionId] = @@SPID;
