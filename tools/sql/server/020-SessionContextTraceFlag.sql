/*
 Trace flag 11042 for Foundation's row-level security (server level, so never in the dacpac). Run by the release
 pipeline BEFORE deploying the dacpac, as a principal with sysadmin (DBCC TRACEON needs it). Rerunnable.
   sqlcmd -S <server> -N -b -i tools/sql/server/020-SessionContextTraceFlag.sql

 Why: every predicate reads SESSION_CONTEXT. Microsoft documents a known issue of SESSION_CONTEXT (Transact-SQL), "Known
 issues": when a session is reset for reuse (connection pooling), SESSION_CONTEXT inside a parallel plan can return wrong
 results or raise an access violation; the fix of SQL Server 2019 CU 14 for the wrong results can cause the access
 violation. The documented mitigation is trace flag 11042 as a startup, global or session flag: SESSION_CONTEXT then runs
 serially and takes no part in parallel plans. Foundation's pooled application connections are exactly that case, and
 a wrong SESSION_CONTEXT value inside a predicate is a wrong tenant. Decision: the flag is on, globally and at startup, on
 every SQL Server that hosts Foundation (SQL Server 2019 CU 14 and later; the target is SQL Server 2022).
 - This script turns it on globally now (DBCC TRACEON (11042, -1): until the next restart) and checks it is on.
 - It cannot make the flag survive a restart: add the startup parameter -T11042 (SQL Server Configuration Manager on
   Windows; on Linux: sudo /opt/mssql/bin/mssql-conf traceflag 11042 on, then restart). It prints a warning when it
   cannot see -T11042 among the startup parameters (sys.dm_server_registry; not readable on Linux or without VIEW SERVER STATE).
 - Azure SQL Database: trace flags cannot be set by customers; the service is patched by Microsoft. Not verifiable here.
*/
SET NOCOUNT ON;
USE [master];
GO

IF SERVERPROPERTY('EngineEdition') = 5
BEGIN
    PRINT N'Azure SQL Database: trace flags are managed by the service; nothing to do.';
    RETURN;
END;

DBCC TRACEON (11042, -1) WITH NO_INFOMSGS;

CREATE TABLE [#TraceStatus] ([TraceFlag] INT, [Status] INT, [Global] INT, [Session] INT);
INSERT INTO [#TraceStatus] EXECUTE (N'DBCC TRACESTATUS (11042, -1) WITH NO_INFOMSGS');
IF NOT EXISTS (SELECT 1 FROM [#TraceStatus] WHERE [TraceFlag] = 11042 AND [Global] = 1)
    THROW 50298, N'Trace flag 11042 is not on globally after DBCC TRACEON (11042, -1). SESSION_CONTEXT may take part in parallel plans: see docs/security.md, "Operations".', 1;

IF NOT EXISTS (
    SELECT 1 FROM [sys].[dm_server_registry]
    WHERE [value_name] LIKE N'SQLArg%' AND CAST([value_data] AS NVARCHAR(256)) = N'-T11042')
    PRINT N'WARNING: -T11042 is not among the startup parameters this principal can see; trace flag 11042 is on until the next restart only. Add it as a startup flag (docs/security.md, "Operations").';

PRINT N'Trace flag 11042 is on globally: SESSION_CONTEXT runs serially.';
GO
