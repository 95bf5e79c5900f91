-- EXECUTE only. The Monitoring procedures carry the permissions they need (VIEW DATABASE PERFORMANCE STATE, VIEW
-- DEFINITION on the data schemas; on SQL Server 2022 also VIEW SERVER PERFORMANCE STATE) through a certificate
-- signature made by the deployment (Scripts/PostDeployment/070-Security-MonitoringSignatures.sql), so a member of this
-- role can run them and cannot query Query Store or the DMVs ad hoc (statement text, compiled parameter values).
GRANT EXECUTE ON SCHEMA::[Monitoring] TO [FoundationMonitoring];
