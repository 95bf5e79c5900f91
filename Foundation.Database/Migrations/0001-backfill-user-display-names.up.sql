-- migration: 0001-backfill-user-display-names
-- description: Give users without a display name one made of their given and family names.
-- requires:

-- The application shows DisplayName everywhere; users created before it was required have none.
UPDATE [Identity].[Users]
SET [DisplayName] = LEFT(TRIM(CONCAT([GivenName], N' ', [FamilyName])), 100)
WHERE [DisplayName] IS NULL
  AND (NULLIF(TRIM([GivenName]), N'') IS NOT NULL OR NULLIF(TRIM([FamilyName]), N'') IS NOT NULL);
