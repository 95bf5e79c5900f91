-- Manages the database audit and the membership of the monitoring role; reviews the privileged-session log and the reporting mapping. Cannot change the application or reporting roles. See docs/security.md.
CREATE ROLE [FoundationSecurityAdmin] AUTHORIZATION [dbo];
