/*
 SQL Server (on-premises or a VM): a copy-only full backup of the target database, verified, taken by the release
 pipeline just before it publishes a release to Production (.azure-pipelines/release-environment.yml). It is the way
 back for data that the rollback's down steps cannot restore. COPY_ONLY leaves the server's own backup chain (and its
 differential base) untouched; CHECKSUM and RESTORE VERIFYONLY make a damaged file fail here, not on the day it is needed.
 Azure SQL Database and Managed Instance are not backed up here: their automated backups give point-in-time restore,
 and the pipeline records the restore point instead (docs/testing.md, "Backups before Production").
   sqlcmd -S <server> -U <login> -Nm -b -v DatabaseName=Foundation BackupDirectory=/var/opt/mssql/backup ReleaseVersion=1.1.7 -i .azure-pipelines/sql/backup-before-publish.sql
 The login needs BACKUP DATABASE in the target database (db_backupoperator or db_owner); BackupDirectory is a folder
 the SQL Server service can write to (a path on the server, not on the build agent).
*/
:on error exit
SET NOCOUNT ON;

DECLARE @Database sysname = N'$(DatabaseName)';
DECLARE @Stamp nvarchar(20) = REPLACE(REPLACE(REPLACE(CONVERT(nvarchar(19), SYSUTCDATETIME(), 126), N'-', N''), N':', N''), N'T', N'-');
DECLARE @File nvarchar(1024) = N'$(BackupDirectory)' + N'/' + @Database + N'-before-$(ReleaseVersion)-' + @Stamp + N'.bak';

IF DB_ID(@Database) IS NULL
BEGIN
    PRINT N'Database [' + @Database + N'] does not exist yet: nothing to back up.';
END
ELSE
BEGIN
    BACKUP DATABASE @Database TO DISK = @File WITH COPY_ONLY, CHECKSUM, INIT, STATS = 25;
    RESTORE VERIFYONLY FROM DISK = @File WITH CHECKSUM;
    PRINT N'Backup before release $(ReleaseVersion): ' + @File;
END
GO
