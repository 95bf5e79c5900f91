-- Read-only reporting: SELECT on the data schemas under row-level security, as the Foundation user its principal is mapped to in [Security].[ReportingPrincipals]; no password hashes or verification tokens. See docs/security.md.
CREATE ROLE [FoundationReporting] AUTHORIZATION [dbo];
