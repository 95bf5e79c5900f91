-- Manages membership of the application, reporting and monitoring roles, and the database audit; reads the privileged-session log. See docs/security.md.
CREATE ROLE [FoundationSecurityAdmin] AUTHORIZATION [dbo];
