/*
 Release 1.0 granted VIEW SERVER PERFORMANCE STATE to the monitoring login itself, so that the Monitoring procedures
 could read the index DMVs. Since release 1.1 the procedures carry that permission through their certificate signature
 (tools/sql/server/040-MonitoringSigner.sql, after the deployment) and the monitoring login gets none: with it, the
 login could query every DMV of the server ad hoc. This script withdraws the old grant; it is rerunnable (REVOKE of a
 permission not held does nothing). Run before or after deploying, as a principal with CONTROL SERVER.
   sqlcmd -S <server> -N -b -v MonitoringLogin="CONTOSO\foundation-monitoring" -i tools/sql/server/030-MonitoringPermissions.sql
*/
SET NOCOUNT ON;
USE [master];
GO

IF SUSER_ID(N'$(MonitoringLogin)') IS NULL
    THROW 50297, N'The monitoring login $(MonitoringLogin) does not exist on this server.', 1;

REVOKE VIEW SERVER PERFORMANCE STATE FROM [$(MonitoringLogin)];
PRINT N'The monitoring login holds no server permission of Foundation''s (the Monitoring procedures are signed).';
GO
