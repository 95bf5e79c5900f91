/*
 Installs Foundation's tSQLt test classes into the current database. tSQLt itself must be installed there first
 (tSQLt.class.sql from the tSQLt release; see docs/testing.md). Safe to run again: each class file begins with
 tSQLt.NewTestClass, which drops the class and creates it anew; TestSupport (not a test class) is dropped here.

 sqlcmd, from the repository root:
     sqlcmd -S <server> -d <database> -b -v TestRoot="Foundation.Database.Tests/tSQLt" -i Foundation.Database.Tests/tSQLt/Install.sql
 SSMS: Query > SQLCMD Mode, then add a first line  :setvar TestRoot "C:\path\to\Foundation.Database.Tests\tSQLt"
 Then run:  EXEC [tSQLt].[RunAll];   (RowLevelSecurityTests runs in one session too: see the note in that class)

 The live test harness runs this same file. Foundation.Database.Tests checks offline that it includes every class file.
*/
:on error exit
-- A procedure keeps the QUOTED_IDENTIFIER and ANSI_NULLS settings it was created with, and an INSERT into a table with
-- an index on a computed column or a filtered index ([Identity].[Users], [Identity].[UserRoles]) fails (error 1934)
-- unless both are ON. sqlcmd starts with QUOTED_IDENTIFIER OFF unless given -I, so set them for this session.
SET QUOTED_IDENTIFIER ON;
SET ANSI_NULLS ON;
GO
EXEC [tSQLt].[DropClass] @ClassName = N'TestSupport';
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
