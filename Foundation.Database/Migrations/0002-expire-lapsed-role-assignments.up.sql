-- migration: 0002-expire-lapsed-role-assignments
-- description: Mark active role assignments whose ExpiresAt has passed as Expired.
-- requires: 0001-backfill-user-display-names

-- Requires 0001 only to fix the order in which the two touch the temporal history (users first, then assignments),
-- so that the history of a release reads the same on every environment.
UPDATE [Identity].[UserRoles]
SET [Status] = 'Expired'
WHERE [Status] = 'Active'
  AND [ExpiresAt] IS NOT NULL
  AND [ExpiresAt] <= SYSUTCDATETIME();
