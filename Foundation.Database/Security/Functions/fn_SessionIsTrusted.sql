-- One row when the session's context can be trusted: it hashes to the seal that a session procedure wrote for this
-- session id, or the caller is the session resolver (inside the session procedures, before any context exists).
-- Uncorrelated with the protected row, so the optimizer evaluates it once per query (a start-up filter).
CREATE FUNCTION [Security].[fn_SessionIsTrusted]()
RETURNS TABLE
WITH SCHEMABINDING
AS
RETURN
SELECT 1 AS [IsTrusted]
WHERE USER_NAME() = N'FoundationSessionResolver'
    OR EXISTS (
        SELECT 1
        FROM [Security].[SessionSeals] AS [seal]
        INNER JOIN [Security].[fn_SessionContextHash]() AS [context]
            ON [context].[ContextHash] = [seal].[ContextHash]
        WHERE [seal].[SessionId] = @@SPID);
