-- A database user without a login: nobody can sign in as it. The session procedures run as this user
-- (EXECUTE AS), and the predicates let it read, so that a user's tenant and permissions can be looked up
-- before any session context exists. Only db_owner members can impersonate it.
CREATE USER [FoundationSessionResolver] WITHOUT LOGIN WITH DEFAULT_SCHEMA = [Security];
