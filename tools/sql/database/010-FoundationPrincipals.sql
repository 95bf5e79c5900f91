/*
 Creates Foundation's database users and adds them to the roles of the dacpac. Run by the release pipeline after the
 deployment, in the Foundation database, as a db_owner member. Rerunnable: existing users are left as they are and
 only missing role memberships are added. No password ever passes through this script.
   PrincipalKind = EXTERNAL : Entra ID users or managed identities (CREATE USER ... FROM EXTERNAL PROVIDER)
   PrincipalKind = LOGIN    : users for existing server logins (CREATE USER ... FOR LOGIN), logins made by the platform team
   An empty principal name skips that role.
   sqlcmd -S <server> -d <database> -N -b -v PrincipalKind=EXTERNAL ApplicationPrincipal="foundation-app" \
     ReportingPrincipal="" MonitoringPrincipal="foundation-monitoring" SecurityAdminPrincipal="foundation-secadmin" \
     -i tools/sql/database/010-FoundationPrincipals.sql
*/
SET NOCOUNT ON;
SET XACT_ABORT ON;

DECLARE @Kind NVARCHAR(20) = N'$(PrincipalKind)';
IF @Kind NOT IN (N'EXTERNAL', N'LOGIN')
    THROW 50330, N'PrincipalKind must be EXTERNAL or LOGIN.', 1;

DECLARE @Wanted TABLE ([PrincipalName] SYSNAME NOT NULL, [RoleName] SYSNAME NOT NULL);
INSERT INTO @Wanted ([PrincipalName], [RoleName])
SELECT [PrincipalName], [RoleName]
FROM (VALUES
    (N'$(ApplicationPrincipal)', N'FoundationApplication'),
    (N'$(ReportingPrincipal)', N'FoundationReporting'),
    (N'$(MonitoringPrincipal)', N'FoundationMonitoring'),
    (N'$(SecurityAdminPrincipal)', N'FoundationSecurityAdmin')) AS [wanted] ([PrincipalName], [RoleName])
WHERE LEN([PrincipalName]) > 0;

DECLARE @Principal SYSNAME, @Role SYSNAME, @Sql NVARCHAR(MAX);
DECLARE [principals] CURSOR LOCAL FAST_FORWARD FOR SELECT [PrincipalName], [RoleName] FROM @Wanted;
OPEN [principals];
FETCH NEXT FROM [principals] INTO @Principal, @Role;
WHILE @@FETCH_STATUS = 0
BEGIN
    IF DATABASE_PRINCIPAL_ID(@Principal) IS NULL
    BEGIN
        SET @Sql = CASE @Kind
            WHEN N'EXTERNAL' THEN N'CREATE USER ' + QUOTENAME(@Principal) + N' FROM EXTERNAL PROVIDER;'
            ELSE N'CREATE USER ' + QUOTENAME(@Principal) + N' FOR LOGIN ' + QUOTENAME(@Principal) + N';'
        END;
        EXECUTE [sys].[sp_executesql] @Sql;
        PRINT N'Created user ' + QUOTENAME(@Principal) + N'.';
    END;

    IF IS_ROLEMEMBER(@Role, @Principal) = 0
    BEGIN
        SET @Sql = N'ALTER ROLE ' + QUOTENAME(@Role) + N' ADD MEMBER ' + QUOTENAME(@Principal) + N';';
        EXECUTE [sys].[sp_executesql] @Sql;
        PRINT N'Added ' + QUOTENAME(@Principal) + N' to ' + QUOTENAME(@Role) + N'.';
    END;

    FETCH NEXT FROM [principals] INTO @Principal, @Role;
END;
CLOSE [principals];
DEALLOCATE [principals];
GO
