/*
 070 Monitoring signatures: the procedures of the Monitoring schema carry the permissions they need through a
 certificate signature, so that FoundationMonitoring holds EXECUTE on them and nothing else (it cannot query Query Store
 or the DMVs ad hoc). Module signing adds the certificate user's permissions to the caller's for the duration of the
 module without changing the execution context (Signing Stored Procedures in SQL Server); a signature is dropped
 whenever the module is altered (ADD SIGNATURE (Transact-SQL)), and DacFx ALTERs a procedure it changes. Therefore on
 every deployment:
 1. Withdraw what release 1.0 granted the role itself. DacFx does not revoke a GRANT that leaves the model
    (DropPermissionsNotInSource is off in every profile); REVOKE of a permission not held is a no-op.
 2. If every Monitoring procedure is signed by the current signing certificate (the newest
    FoundationMonitoringSigner_<UTC time> without a private key), keep it. Otherwise (first deployment, a procedure
    created, altered or added) make a new one: CREATE CERTIFICATE with a random password that is never stored, a user
    FROM CERTIFICATE, ADD SIGNATURE to every procedure of the schema, ALTER CERTIFICATE ... REMOVE PRIVATE KEY (nobody
    can sign anything else with it, and no password exists to recover). If a step fails the deployment stops here, and
    the next deployment starts the rotation again.
 3. Drop the signatures, users and certificates of every other signer, on every deployment (so what a failed rotation
    or a failed clean-up left, a certificate that kept its private key included, goes with the next deployment).
 4. Grant the current signer's user what the procedures read: VIEW DATABASE PERFORMANCE STATE (Query Store; on Azure SQL
    Database also the index DMVs) and VIEW DEFINITION on the data schemas (sys.tables, sys.indexes name the objects).
 On SQL Server 2022 the index DMVs also need VIEW SERVER PERFORMANCE STATE, a server permission: after every deployment,
 tools/sql/server/040-MonitoringSigner.sql copies the current certificate's public key to master and grants it to a
 login made from that certificate. Certificates and signatures are not in the dacpac: the profiles and the drift check
 leave them alone (DoNotDropObjectTypes / ExcludeObjectTypes Certificates;Signatures).
*/
SET NOCOUNT ON;
SET XACT_ABORT ON;

REVOKE VIEW DATABASE PERFORMANCE STATE FROM [FoundationMonitoring];
REVOKE VIEW DEFINITION ON SCHEMA::[Tenancy] FROM [FoundationMonitoring];
REVOKE VIEW DEFINITION ON SCHEMA::[Identity] FROM [FoundationMonitoring];
REVOKE VIEW DEFINITION ON SCHEMA::[History] FROM [FoundationMonitoring];
REVOKE VIEW DEFINITION ON SCHEMA::[Security] FROM [FoundationMonitoring];

DECLARE @Signer SYSNAME;
DECLARE @SignerThumbprint VARBINARY(32);
SELECT TOP (1) @Signer = [name], @SignerThumbprint = [thumbprint]
FROM [sys].[certificates]
WHERE [name] LIKE N'FoundationMonitoringSigner[_]%'
    AND [pvt_key_encryption_type] = 'NA'
ORDER BY [name] DESC;

DECLARE @Sql NVARCHAR(MAX);
IF @Signer IS NULL
    OR DATABASE_PRINCIPAL_ID(@Signer) IS NULL
    OR EXISTS (
        SELECT 1
        FROM [sys].[procedures] AS [module]
        WHERE [module].[schema_id] = SCHEMA_ID(N'Monitoring')
            AND ISNULL(IS_OBJECTSIGNED(N'OBJECT', [module].[object_id], N'certificate', @SignerThumbprint), 0) = 0)
BEGIN
    DECLARE @Now DATETIME2(7) = SYSUTCDATETIME();
    SET @Signer = CONCAT(N'FoundationMonitoringSigner_', CONVERT(NCHAR(8), @Now, 112), REPLACE(CONVERT(NCHAR(12), @Now, 114), N':', N''));
    -- Not a secret kept anywhere: random per run (upper and lower case, digits and a symbol, for the password policy),
    -- used in this batch only and never stored or printed. It protects only the private key, which the same batch removes,
    -- so even a copy of the statement text (a trace, Query Store) opens nothing afterwards.
    DECLARE @Password NVARCHAR(128) = CONCAT(N'Fm-', CONVERT(NVARCHAR(96), CRYPT_GEN_RANDOM(48), 2), N'-x');

    SET @Sql = CONCAT(
        N'CREATE CERTIFICATE ', QUOTENAME(@Signer), N' ENCRYPTION BY PASSWORD = ', QUOTENAME(@Password, N''''),
        N' WITH SUBJECT = N''Foundation: signs the Monitoring procedures'', EXPIRY_DATE = ''20991231'';',
        N' CREATE USER ', QUOTENAME(@Signer), N' FROM CERTIFICATE ', QUOTENAME(@Signer), N';');
    SELECT @Sql += CONCAT(
        N' ADD SIGNATURE TO OBJECT::', QUOTENAME(SCHEMA_NAME([module].[schema_id])), N'.', QUOTENAME([module].[name]),
        N' BY CERTIFICATE ', QUOTENAME(@Signer), N' WITH PASSWORD = ', QUOTENAME(@Password, N''''), N';')
    FROM [sys].[procedures] AS [module]
    WHERE [module].[schema_id] = SCHEMA_ID(N'Monitoring');
    SET @Sql += CONCAT(N' ALTER CERTIFICATE ', QUOTENAME(@Signer), N' REMOVE PRIVATE KEY;');
    EXECUTE [sys].[sp_executesql] @Sql;
    PRINT CONCAT(N'Signed the Monitoring procedures with the new certificate ', QUOTENAME(@Signer), N' (private key removed). Run tools/sql/server/040-MonitoringSigner.sql on SQL Server.');
END;

-- Every other signer (older ones, and what a failed rotation left: a certificate that kept its private key, a user
-- without signatures), on every deployment, not only after a rotation: their signatures, their users, then the certificates.
SET @Sql = N'';
SELECT @Sql += CONCAT(
    N' DROP SIGNATURE FROM OBJECT::', QUOTENAME(OBJECT_SCHEMA_NAME([signature].[major_id])), N'.', QUOTENAME(OBJECT_NAME([signature].[major_id])),
    N' BY CERTIFICATE ', QUOTENAME([certificate].[name]), N';')
FROM [sys].[crypt_properties] AS [signature]
INNER JOIN [sys].[certificates] AS [certificate] ON [certificate].[thumbprint] = [signature].[thumbprint]
WHERE [certificate].[name] LIKE N'FoundationMonitoringSigner[_]%'
    AND [certificate].[name] <> @Signer
    AND [signature].[class] = 1;
SELECT @Sql += CONCAT(
    CASE WHEN DATABASE_PRINCIPAL_ID([certificate].[name]) IS NOT NULL THEN CONCAT(N' DROP USER ', QUOTENAME([certificate].[name]), N';') END,
    N' DROP CERTIFICATE ', QUOTENAME([certificate].[name]), N';')
FROM [sys].[certificates] AS [certificate]
WHERE [certificate].[name] LIKE N'FoundationMonitoringSigner[_]%'
    AND [certificate].[name] <> @Signer;
EXECUTE [sys].[sp_executesql] @Sql;

SET @Sql = CONCAT(
    N'GRANT VIEW DATABASE PERFORMANCE STATE TO ', QUOTENAME(@Signer), N';',
    N' GRANT VIEW DEFINITION ON SCHEMA::[Tenancy] TO ', QUOTENAME(@Signer), N';',
    N' GRANT VIEW DEFINITION ON SCHEMA::[Identity] TO ', QUOTENAME(@Signer), N';',
    N' GRANT VIEW DEFINITION ON SCHEMA::[History] TO ', QUOTENAME(@Signer), N';',
    N' GRANT VIEW DEFINITION ON SCHEMA::[Security] TO ', QUOTENAME(@Signer), N';');
EXECUTE [sys].[sp_executesql] @Sql;
GO
