/*
 025 Compatibility level: Foundation's code needs level 140 or higher (TRIM, STRING_AGG, CONCAT_WS). DacFx does not
 change database options (the profiles set ScriptDatabaseOptions=False, so that nothing is changed before the lock and
 the version guard): a database below 140 is refused here, before any change, instead of failing half-way.
*/
IF (SELECT [compatibility_level] FROM [sys].[databases] WHERE [database_id] = DB_ID()) < 140
BEGIN
    DECLARE @CompatibilityMessage NVARCHAR(2048) = CONCAT(N'Database ', QUOTENAME(DB_NAME()), N' is at compatibility level ',
        (SELECT [compatibility_level] FROM [sys].[databases] WHERE [database_id] = DB_ID()),
        N'; Foundation needs 140 or higher. Raise it deliberately (ALTER DATABASE ... SET COMPATIBILITY_LEVEL = 160) and deploy again. Nothing was changed.');
    THROW 50303, @CompatibilityMessage, 1;
END;
GO
