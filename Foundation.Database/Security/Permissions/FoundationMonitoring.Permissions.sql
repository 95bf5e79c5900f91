GRANT EXECUTE ON SCHEMA::[Monitoring] TO [FoundationMonitoring];
GO
-- Query Store catalog views (SQL Server 2022: VIEW DATABASE PERFORMANCE STATE, narrower than VIEW DATABASE STATE).
GRANT VIEW DATABASE PERFORMANCE STATE TO [FoundationMonitoring];
GO
-- Metadata only (sys.tables, sys.indexes name the objects the statistics are about); no data.
GRANT VIEW DEFINITION ON SCHEMA::[Tenancy] TO [FoundationMonitoring];
GO
GRANT VIEW DEFINITION ON SCHEMA::[Identity] TO [FoundationMonitoring];
GO
GRANT VIEW DEFINITION ON SCHEMA::[History] TO [FoundationMonitoring];
GO
GRANT VIEW DEFINITION ON SCHEMA::[Security] TO [FoundationMonitoring];
