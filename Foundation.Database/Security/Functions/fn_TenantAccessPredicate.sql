-- Tenant-aware rule: a row is visible when its tenant is the session's tenant, in a trusted session.
-- A SuperAdmin session (IsSuperAdmin is set only by the session procedures, from a SuperAdmin role assignment, and is
-- covered by the seal) and the session resolver (recognised by principal id) see every tenant: SuperAdmin is a global,
-- platform role (docs/security.md). The bounds are runtime constants, so @TenantId BETWEEN them is a range seek on an
-- index that leads with TenantId: one tenant for a user, the whole range for a SuperAdmin. Both bounds are INT, like
-- TenantId: the literal 2147483648 is numeric ("integer constants greater than 2,147,483,647 are converted to the
-- decimal data type", int, bigint, smallint, and tinyint (Transact-SQL)), so -2147483648 written out would make the
-- CASE numeric, and TenantId, of lower type precedence, would be converted to numeric for the comparison (which can
-- cost the seek); -2147483647 - 1 stays INT (OutOfIntRangeLiteralTests).
CREATE FUNCTION [Security].[fn_TenantAccessPredicate](@TenantId INT)
RETURNS TABLE
WITH SCHEMABINDING
AS
RETURN
SELECT 1 AS [AccessResult]
FROM [Security].[fn_SessionIsTrusted]() AS [trusted]
WHERE @TenantId BETWEEN
        CASE
            WHEN DATABASE_PRINCIPAL_ID() = DATABASE_PRINCIPAL_ID(N'FoundationSessionResolver')
                OR TRY_CAST(SESSION_CONTEXT(N'Foundation.IsSuperAdmin') AS BIT) = 1 THEN -2147483647 - 1
            ELSE TRY_CAST(SESSION_CONTEXT(N'Foundation.TenantId') AS INT)
        END
    AND CASE
            WHEN DATABASE_PRINCIPAL_ID() = DATABASE_PRINCIPAL_ID(N'FoundationSessionResolver')
                OR TRY_CAST(SESSION_CONTEXT(N'Foundation.IsSuperAdmin') AS BIT) = 1 THEN 2147483647
            ELSE TRY_CAST(SESSION_CONTEXT(N'Foundation.TenantId') AS INT)
        END;
