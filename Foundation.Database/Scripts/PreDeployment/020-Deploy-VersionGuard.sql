/*
 020 Version guard: when the deployment says which release it expects to find (ExpectedCurrentVersion, set by
 Foundation.Deploy and by the pipeline), refuse before any change if the database records another one.
 Foundation.Deploy also compares the live schema with that release's dacpac (drift) before it gets here.
*/
IF N'$(ExpectedCurrentVersion)' <> N'' AND OBJECT_ID(N'[Deploy].[SchemaHistory]', N'U') IS NOT NULL
BEGIN
    DECLARE @Recorded NVARCHAR(64);
    EXEC [sys].[sp_executesql]
        N'SELECT TOP (1) @Recorded = [ReleaseVersion] FROM [Deploy].[SchemaHistory] WHERE [Outcome] = ''Succeeded'' ORDER BY [SchemaHistoryId] DESC;',
        N'@Recorded NVARCHAR(64) OUTPUT', @Recorded = @Recorded OUTPUT;
    IF @Recorded IS NULL OR @Recorded <> N'$(ExpectedCurrentVersion)'
    BEGIN
        DECLARE @Message NVARCHAR(2048) = CONCAT(N'The database records release ', ISNULL(@Recorded, N'(none)'),
            N', not the expected $(ExpectedCurrentVersion). Nothing was changed.');
        THROW 50302, @Message, 1;
    END;
END;
GO
