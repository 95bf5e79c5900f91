-- What the session holds, for the session procedures, before they set anything:
--   None     no Foundation key is set: a context may be set;
--   Same     a valid (sealed) context of @Kind for @UserId: a repeated call, nothing to do;
--   Other    a valid context of another kind or user: refused (50205), the context and its seal stay as they are;
--   Unsealed keys are set but hash to no seal of this session (set by hand, half set, or sealed by an earlier
--            definition of [Security].[fn_ContextHash]): refused (50200), only a new or reset connection clears them.
-- The keys listed are exactly those [Security].[fn_SessionContextHash] hashes (SessionResolverTests checks it).
CREATE FUNCTION [Security].[fn_SessionContextState](@Kind VARCHAR(20), @UserId BIGINT)
RETURNS TABLE
WITH SCHEMABINDING
AS
RETURN
SELECT CAST(CASE
        WHEN SESSION_CONTEXT(N'Foundation.UserId') IS NULL
            AND SESSION_CONTEXT(N'Foundation.TenantId') IS NULL
            AND SESSION_CONTEXT(N'Foundation.IsSuperAdmin') IS NULL
            AND SESSION_CONTEXT(N'Foundation.IsSystem') IS NULL
            AND SESSION_CONTEXT(N'Foundation.SessionNonce') IS NULL THEN 'None'
        WHEN [seal].[Kind] = @Kind
            AND ([seal].[UserId] = @UserId OR ([seal].[UserId] IS NULL AND @UserId IS NULL)) THEN 'Same'
        WHEN [seal].[Kind] IS NOT NULL THEN 'Other'
        ELSE 'Unsealed'
    END AS VARCHAR(10)) AS [State]
FROM (VALUES (1)) AS [session] ([One])
LEFT JOIN [Security].[fn_SessionSeal]() AS [seal] ON 1 = 1;
