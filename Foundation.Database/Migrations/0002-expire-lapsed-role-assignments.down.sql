-- Undo: the rows the up step expired are those Expired with an ExpiresAt in the past and no later change; the
-- assignment's UpdatedAt (row start) is not older than its ExpiresAt. Re-activating them restores the state before
-- the migration; the application expires them again at the next sign-in check.
UPDATE [Identity].[UserRoles]
SET [Status] = 'Active'
WHERE [Status] = 'Expired'
  AND [ExpiresAt] IS NOT NULL
  AND [UpdatedAt] >= [ExpiresAt];
