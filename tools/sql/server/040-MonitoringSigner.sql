/*
 Server half of the Monitoring signatures (server level, so never in the dacpac). Run by the release pipeline AFTER
 every deployment of the dacpac, as a principal with CONTROL SERVER. Rerunnable.
   sqlcmd -S <server> -N -b -v DatabaseName="Foundation" -i tools/sql/server/040-MonitoringSigner.sql

 Post-deployment step 070 signs the Monitoring procedures with a certificate whose private key it removes, and makes a new
 one whenever a procedure changed. On SQL Server 2022 the index DMVs need VIEW SERVER PERFORMANCE STATE, a server
 permission, which a signature carries only through a login created from the same certificate in master (Signing Stored
 Procedures in SQL Server: "create a login mapped to the same certificate, and then grant any necessary server-level
 permissions to that login"). This script copies the public key of the database's current signer (the newest
 FoundationMonitoringSigner_<UTC time> without a private key; never one that still has its key) to master, creates the
 login FROM CERTIFICATE, grants it VIEW SERVER PERFORMANCE STATE, and drops the logins and certificates of older signers.
 Until it runs after a rotation, usp_GetIndexUsage and usp_GetMissingIndexes fail with a permission error (fail closed);
 usp_GetSlowQueries (database permissions only) works.
 Azure SQL Database: there is no master certificate or certificate login for a database; there the index DMVs need
 only the database permission the signature already carries (VIEW DATABASE PERFORMANCE STATE). Nothing to do.
*/
SET NOCOUNT ON;
USE [master];
GO

IF SERVERPROPERTY('EngineEdition') = 5
BEGIN
    PRINT N'Azure SQL Database: the signature carries database permissions only; nothing to do in master.';
    RETURN;
END;

IF DB_ID(N'$(DatabaseName)') IS NULL
    THROW 50297, N'Database $(DatabaseName) does not exist on this server.', 1;

DECLARE @Signer SYSNAME;
DECLARE @PublicKey VARBINARY(MAX);
-- CERTENCODED (like CERT_ID) takes the certificate_id of a certificate of the CURRENT database (CERTENCODED
-- (Transact-SQL): its example copies a certificate by running CERTENCODED in the source database). Run from master,
-- it would encode master's certificate with that id (another certificate, or NULL), so the read runs in the
-- database itself: <database>.sys.sp_executesql executes its statement in that database.
DECLARE @Read NVARCHAR(MAX) = N'
    SELECT TOP (1) @Signer = [name], @PublicKey = CERTENCODED([certificate_id])
    FROM [sys].[certificates]
    WHERE [name] LIKE N''FoundationMonitoringSigner[_]%'' AND [pvt_key_encryption_type] = ''NA''
    ORDER BY [name] DESC;';
DECLARE @ExecuteInDatabase NVARCHAR(400) = QUOTENAME(N'$(DatabaseName)') + N'.[sys].[sp_executesql]';
EXECUTE @ExecuteInDatabase @Read, N'@Signer SYSNAME OUTPUT, @PublicKey VARBINARY(MAX) OUTPUT',
    @Signer = @Signer OUTPUT, @PublicKey = @PublicKey OUTPUT;
IF @Signer IS NULL OR @PublicKey IS NULL
    THROW 50297, N'Database $(DatabaseName) has no Monitoring signing certificate without a private key: deploy the dacpac first (post-deployment step 070).', 1;

DECLARE @Sql NVARCHAR(MAX) = N'';
IF CERT_ID(@Signer) IS NULL
    SET @Sql += CONCAT(N'CREATE CERTIFICATE ', QUOTENAME(@Signer), N' FROM BINARY = ', CONVERT(NVARCHAR(MAX), @PublicKey, 1), N';');
IF SUSER_ID(@Signer) IS NULL
    SET @Sql += CONCAT(N' CREATE LOGIN ', QUOTENAME(@Signer), N' FROM CERTIFICATE ', QUOTENAME(@Signer), N';');
SET @Sql += CONCAT(N' GRANT VIEW SERVER PERFORMANCE STATE TO ', QUOTENAME(@Signer), N';');
SELECT @Sql += CONCAT(
    CASE WHEN SUSER_ID([certificate].[name]) IS NOT NULL THEN CONCAT(N' DROP LOGIN ', QUOTENAME([certificate].[name]), N';') END,
    N' DROP CERTIFICATE ', QUOTENAME([certificate].[name]), N';')
FROM [sys].[certificates] AS [certificate]
WHERE [certificate].[name] LIKE N'FoundationMonitoringSigner[_]%'
    AND [certificate].[name] <> @Signer;
EXECUTE [sys].[sp_executesql] @Sql;

-- The copy must be the same certificate: compare thumbprints, so that a certificate of that name made otherwise is not trusted.
DECLARE @Check NVARCHAR(MAX) = N'
    SELECT @Matches = COUNT(*)
    FROM [master].[sys].[certificates] AS [copy]
    INNER JOIN ' + QUOTENAME(N'$(DatabaseName)') + N'.[sys].[certificates] AS [original] ON [original].[thumbprint] = [copy].[thumbprint]
    WHERE [copy].[name] = @Signer AND [original].[name] = @Signer;';
DECLARE @Matches INT;
EXECUTE [sys].[sp_executesql] @Check, N'@Signer SYSNAME, @Matches INT OUTPUT', @Signer = @Signer, @Matches = @Matches OUTPUT;
IF @Matches <> 1
    THROW 50297, N'The certificate in master does not match the signer of the database (thumbprints differ); drop it and run again.', 1;

PRINT CONCAT(N'Login ', QUOTENAME(@Signer), N' (from the Monitoring signing certificate) holds VIEW SERVER PERFORMANCE STATE.');
GO
