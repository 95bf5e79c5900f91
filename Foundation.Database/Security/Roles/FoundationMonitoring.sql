-- Executes the Monitoring procedures (Query Store, index usage, missing indexes), which carry their permissions by certificate signature; EXECUTE only. See docs/security.md.
CREATE ROLE [FoundationMonitoring] AUTHORIZATION [dbo];
