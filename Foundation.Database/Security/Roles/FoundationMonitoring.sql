-- Executes the Monitoring procedures (Query Store, index usage, missing indexes). See docs/security.md.
CREATE ROLE [FoundationMonitoring] AUTHORIZATION [dbo];
