-- Read-only reporting: SELECT on the data schemas under row-level security, without password hashes or verification tokens. See docs/security.md.
CREATE ROLE [FoundationReporting] AUTHORIZATION [dbo];
