-- Reports read the data schemas directly, under row-level security, as the Foundation user their database principal is
-- mapped to: a report connection calls [Security].[usp_SetReportingSessionContext] (no parameter), which reads the
-- reviewed mapping [Security].[ReportingPrincipals]. It cannot name a user itself: usp_SetSessionContext is denied
-- (a DENY, not only a missing GRANT, because release 1.0 granted it and a deployment does not revoke a GRANT that
-- leaves the model: DropPermissionsNotInSource is off in every profile).
GRANT SELECT ON SCHEMA::[Tenancy] TO [FoundationReporting];
GO
GRANT SELECT ON SCHEMA::[Identity] TO [FoundationReporting];
GO
GRANT SELECT ON SCHEMA::[History] TO [FoundationReporting];
GO
GRANT EXECUTE ON OBJECT::[Security].[usp_SetReportingSessionContext] TO [FoundationReporting];
GO
DENY EXECUTE ON OBJECT::[Security].[usp_SetSessionContext] TO [FoundationReporting];
GO
-- Secrets stay out of reports: a column DENY beats the schema GRANT. Every column named *Hash or *Token* must be here
-- (Foundation.Database.Tests/Security/RoleGrantTests checks it), in the current and the history table.
DENY SELECT ON OBJECT::[Identity].[Users] ([PasswordHash], [VerificationTokenHash], [VerificationTokenExpiresAt]) TO [FoundationReporting];
GO
DENY SELECT ON OBJECT::[History].[Users] ([PasswordHash], [VerificationTokenHash], [VerificationTokenExpiresAt]) TO [FoundationReporting];
