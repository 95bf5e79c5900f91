-- Undo: clear the display names that are exactly what the up step wrote. A user who since chose that same name
-- loses it too; that is the price of not keeping a copy, and it only affects the unlikely exact match.
UPDATE [Identity].[Users]
SET [DisplayName] = NULL
WHERE [DisplayName] = LEFT(TRIM(CONCAT([GivenName], N' ', [FamilyName])), 100)
  AND (NULLIF(TRIM([GivenName]), N'') IS NOT NULL OR NULLIF(TRIM([FamilyName]), N'') IS NOT NULL);
