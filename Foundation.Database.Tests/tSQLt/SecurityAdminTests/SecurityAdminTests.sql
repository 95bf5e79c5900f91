/*
 SecurityAdminTests: a member of FoundationSecurityAdmin cannot change who belongs to FoundationApplication or
 FoundationReporting (joining either would let it act as any Foundation user, or read as a mapped one), nor to
 FoundationDeployer; it may change FoundationMonitoring, which reads no data. Each test acts as a database user without
 a login made for it (TestSupport.usp_CreateTestUser), inside tSQLt's transaction.
 A tSQLt test class, created with tSQLt.NewTestClass.
*/
EXEC [tSQLt].[NewTestClass] @ClassName = N'SecurityAdminTests';
GO
CREATE PROCEDURE [SecurityAdminTests].[SetUp]
AS
BEGIN
    EXEC [TestSupport].[usp_CreateTestUser] @UserName = N'tsqlt_secadmin', @RoleName = N'FoundationSecurityAdmin';
    EXEC [TestSupport].[usp_CreateTestUser] @UserName = N'tsqlt_newcomer';
END;
GO
CREATE PROCEDURE [SecurityAdminTests].[test a security admin cannot add a member to FoundationApplication]
AS
BEGIN
    -- Assert (tSQLt checks the expected error when the test ends): 15151, cannot alter the role.
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 15151;

    -- Act
    EXEC [TestSupport].[usp_AddRoleMemberAs] @Actor = N'tsqlt_secadmin', @RoleName = N'FoundationApplication', @Member = N'tsqlt_newcomer';
END;
GO
CREATE PROCEDURE [SecurityAdminTests].[test a security admin cannot add a member to FoundationReporting]
AS
BEGIN
    -- Assert (tSQLt checks the expected error when the test ends): 15151, cannot alter the role.
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 15151;

    -- Act
    EXEC [TestSupport].[usp_AddRoleMemberAs] @Actor = N'tsqlt_secadmin', @RoleName = N'FoundationReporting', @Member = N'tsqlt_newcomer';
END;
GO
CREATE PROCEDURE [SecurityAdminTests].[test a security admin cannot add a member to FoundationDeployer]
AS
BEGIN
    -- Assert (tSQLt checks the expected error when the test ends): 15151, cannot alter the role.
    EXEC [tSQLt].[ExpectException] @ExpectedErrorNumber = 15151;

    -- Act
    EXEC [TestSupport].[usp_AddRoleMemberAs] @Actor = N'tsqlt_secadmin', @RoleName = N'FoundationDeployer', @Member = N'tsqlt_newcomer';
END;
GO
CREATE PROCEDURE [SecurityAdminTests].[test a security admin can add a member to FoundationMonitoring]
AS
BEGIN
    -- Assert (tSQLt fails the test if the act raises any error)
    EXEC [tSQLt].[ExpectNoException];

    -- Act
    EXEC [TestSupport].[usp_AddRoleMemberAs] @Actor = N'tsqlt_secadmin', @RoleName = N'FoundationMonitoring', @Member = N'tsqlt_newcomer';
END;
GO
