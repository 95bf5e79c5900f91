-- Reports read the data schemas directly, under row-level security: a report connection calls
-- [Security].[usp_SetSessionContext] with the Foundation user it reports as, and sees what that user may see.
GRANT SELECT ON SCHEMA::[Tenancy] TO [FoundationReporting];
GO
GRANT SELECT ON SCHEMA::[Identity] TO [FoundationReporting];
GO
GRANT SELECT ON SCHEMA::[History] TO [FoundationReporting];
GO
GRANT EXECUTE ON OBJECT::[Security].[usp_SetSessionContext] TO [FoundationReporting];
GO
-- Secrets stay out of reports: a column DENY beats the schema GRANT. Every column named *Hash or *Token* must be here
-- (Foundation.Database.Tests/Security/RoleGrantTests checks it), in the current and the history table.
DENY SELECT ON OBJECT::[Identity].[Users] ([PasswordHash], [VerificationTokenHash], [VerificationTokenExpiresAt]) TO [FoundationReporting];
GO
DENY SELECT ON OBJECT::[History].[Users] ([PasswordHash], [VerificationTokenHash], [VerificationTokenExpiresAt]) TO [FoundationReporting];
