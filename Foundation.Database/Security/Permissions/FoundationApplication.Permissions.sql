-- The application reaches data only through the Api procedures (ownership chaining) and sets its session once.
GRANT EXECUTE ON SCHEMA::[Api] TO [FoundationApplication];
GO
GRANT EXECUTE ON OBJECT::[Security].[usp_SetSessionContext] TO [FoundationApplication];
GO
-- Defence in depth: even if someone adds the application to db_datareader or db_datawriter, it cannot touch tables
-- directly. Ownership chaining inside the Api procedures skips these checks, so the procedures keep working.
DENY SELECT, INSERT, UPDATE, DELETE ON SCHEMA::[Tenancy] TO [FoundationApplication];
GO
DENY SELECT, INSERT, UPDATE, DELETE ON SCHEMA::[Identity] TO [FoundationApplication];
GO
DENY SELECT, INSERT, UPDATE, DELETE ON SCHEMA::[History] TO [FoundationApplication];
GO
DENY SELECT, INSERT, UPDATE, DELETE ON SCHEMA::[Security] TO [FoundationApplication];
