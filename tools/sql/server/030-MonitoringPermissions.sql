/*
 Server-level permission the Monitoring procedures need on SQL Server 2022 (index usage and missing-index DMVs):
 VIEW SERVER PERFORMANCE STATE, to the monitoring login only. Rerunnable. The login itself is created by the platform
 team (Entra ID or Windows; no password in this repository).
   sqlcmd -S <server> -N -v MonitoringLogin="CONTOSO\foundation-monitoring" -i tools/sql/server/030-MonitoringPermissions.sql
*/
SET NOCOUNT ON;
USE [master];
GO

IF SUSER_ID(N'$(MonitoringLogin)') IS NULL
    THROW 50320, N'The monitoring login $(MonitoringLogin) does not exist on this server.', 1;

GRANT VIEW SERVER PERFORMANCE STATE TO [$(MonitoringLogin)];
GO
