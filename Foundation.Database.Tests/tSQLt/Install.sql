/*
 Installs Foundation's tSQLt test classes into the current database. tSQLt itself must be installed there first
 (tSQLt.class.sql from the tSQLt release; see docs/testing.md). Safe to run again: each class is dropped first.

 sqlcmd, from the repository root:
     sqlcmd -S <server> -d <database> -b -v TestRoot="Foundation.Database.Tests/tSQLt" -i Foundation.Database.Tests/tSQLt/Install.sql
 SSMS: Query > SQLCMD Mode, then add a first line  :setvar TestRoot "C:\path\to\Foundation.Database.Tests\tSQLt"
 Then run:  EXEC [tSQLt].[RunAll];   (RowLevelSecurityTests runs in one session too: see the note in that class)

 The live test harness runs this same file. Foundation.Database.Tests checks offline that it includes every class file.
*/
:on error exit
EXEC [tSQLt].[DropClass] @ClassName = N'TestSupport';
EXEC [tSQLt].[DropClass] @ClassName = N'DelegationTests';
EXEC [tSQLt].[DropClass] @ClassName = N'MigrationJournalTests';
EXEC [tSQLt].[DropClass] @ClassName = N'MonitoringSignatureTests';
EXEC [tSQLt].[DropClass] @ClassName = N'PermissionsTests';
EXEC [tSQLt].[DropClass] @ClassName = N'ProfileUpdateTests';
EXEC [tSQLt].[DropClass] @ClassName = N'ReportingSessionTests';
EXEC [tSQLt].[DropClass] @ClassName = N'RolesTests';
EXEC [tSQLt].[DropClass] @ClassName = N'RowLevelSecurityTests';
EXEC [tSQLt].[DropClass] @ClassName = N'SecurityAdminTests';
EXEC [tSQLt].[DropClass] @ClassName = N'SeedDataTests';
EXEC [tSQLt].[DropClass] @ClassName = N'SessionContextTests';
EXEC [tSQLt].[DropClass] @ClassName = N'TemporalTablesTests';
EXEC [tSQLt].[DropClass] @ClassName = N'TenantsTests';
EXEC [tSQLt].[DropClass] @ClassName = N'UserRolesTests';
EXEC [tSQLt].[DropClass] @ClassName = N'UsersTests';
EXEC [tSQLt].[DropClass] @ClassName = N'ValidateDataTests';
GO
:r "$(TestRoot)/TestSupport/TestSupport.sql"
:r "$(TestRoot)/DelegationTests/DelegationTests.sql"
:r "$(TestRoot)/MigrationJournalTests/MigrationJournalTests.sql"
:r "$(TestRoot)/MonitoringSignatureTests/MonitoringSignatureTests.sql"
:r "$(TestRoot)/PermissionsTests/PermissionsTests.sql"
:r "$(TestRoot)/ProfileUpdateTests/ProfileUpdateTests.sql"
:r "$(TestRoot)/ReportingSessionTests/ReportingSessionTests.sql"
:r "$(TestRoot)/RolesTests/RolesTests.sql"
:r "$(TestRoot)/RowLevelSecurityTests/RowLevelSecurityTests.sql"
:r "$(TestRoot)/SecurityAdminTests/SecurityAdminTests.sql"
:r "$(TestRoot)/SeedDataTests/SeedDataTests.sql"
:r "$(TestRoot)/SessionContextTests/SessionContextTests.sql"
:r "$(TestRoot)/TemporalTablesTests/TemporalTablesTests.sql"
:r "$(TestRoot)/TenantsTests/TenantsTests.sql"
:r "$(TestRoot)/UserRolesTests/UserRolesTests.sql"
:r "$(TestRoot)/UsersTests/UsersTests.sql"
:r "$(TestRoot)/ValidateDataTests/ValidateDataTests.sql"
