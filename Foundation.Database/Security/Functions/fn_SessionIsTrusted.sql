-- One row when the session's context can be trusted: it hashes to the seal a session procedure wrote for this session
-- id ([Security].[fn_SessionSeal]), or the caller is the session resolver (inside the session procedures, before any
-- context exists). The resolver is recognised by its principal id, never by a name a caller could take.
-- Uncorrelated with the protected row, so the optimizer evaluates it once per query (a start-up filter).
CREATE FUNCTION [Security].[fn_SessionIsTrusted]()
RETURNS TABLE
WITH SCHEMABINDING
AS
RETURN
SELECT 1 AS [IsTrusted]
WHERE DATABASE_PRINCIPAL_ID() = DATABASE_PRINCIPAL_ID(N'FoundationSessionResolver')
    OR EXISTS (SELECT 1 FROM [Security].[fn_SessionSeal]());
