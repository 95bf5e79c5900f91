/*
 910 Constraint validation: every enabled CHECK and FOREIGN KEY constraint that is not trusted is checked against the
 existing rows (WITH CHECK CHECK CONSTRAINT), before 990 records the deployment. DacFx adds new constraints WITH NOCHECK
 and, by default, validates them after the post-deployment script, that is after 990 had recorded Succeeded; the
 profiles set ScriptNewConstraintValidation=False and this step does the validation instead, where a failure still
 fails the deployment and closes its history row as Failed. Constraints marked NOT FOR REPLICATION are never trusted
 by design and are left alone. Nothing else in Foundation is meant to be untrusted: an untrusted constraint left by a
 hand-made change is validated too.
*/
SET NOCOUNT ON;
SET XACT_ABORT ON;
DECLARE @Constraints TABLE ([Ordinal] INT IDENTITY(1, 1) PRIMARY KEY, [TableName] NVARCHAR(300) NOT NULL, [ConstraintName] NVARCHAR(300) NOT NULL);
INSERT INTO @Constraints ([TableName], [ConstraintName])
SELECT CONCAT(QUOTENAME(SCHEMA_NAME([t].[schema_id])), N'.', QUOTENAME([t].[name])), QUOTENAME([c].[name])
FROM (
    SELECT [name], [parent_object_id], [is_not_trusted], [is_disabled], [is_not_for_replication] FROM [sys].[check_constraints]
    UNION ALL
    SELECT [name], [parent_object_id], [is_not_trusted], [is_disabled], [is_not_for_replication] FROM [sys].[foreign_keys]
) AS [c]
INNER JOIN [sys].[tables] AS [t] ON [t].[object_id] = [c].[parent_object_id]
WHERE [c].[is_not_trusted] = 1 AND [c].[is_disabled] = 0 AND [c].[is_not_for_replication] = 0 AND [t].[is_ms_shipped] = 0
ORDER BY 1, 2;

DECLARE @Ordinal INT = 0, @TableName NVARCHAR(300), @ConstraintName NVARCHAR(300), @Statement NVARCHAR(MAX);
WHILE 1 = 1
BEGIN
    SELECT TOP (1) @Ordinal = [Ordinal], @TableName = [TableName], @ConstraintName = [ConstraintName]
    FROM @Constraints WHERE [Ordinal] > @Ordinal ORDER BY [Ordinal];
    IF @@ROWCOUNT = 0 BREAK;

    PRINT CONCAT(N'Validating constraint ', @TableName, N'.', @ConstraintName, N' against the existing rows...');
    SET @Statement = CONCAT(N'ALTER TABLE ', @TableName, N' WITH CHECK CHECK CONSTRAINT ', @ConstraintName, N';');
    BEGIN TRY
        EXEC [sys].[sp_executesql] @Statement;
    END TRY
    BEGIN CATCH
        DECLARE @Message NVARCHAR(2048) = LEFT(CONCAT(N'Constraint ', @TableName, N'.', @ConstraintName,
            N' does not hold for the existing rows (', ERROR_MESSAGE(), N'). Fix the rows (a data migration) and deploy again.'), 2048);
        -- Run by Foundation.Deploy inside its deployment transaction, the failed check has made that transaction
        -- uncommittable (XACT_ABORT ON: XACT_STATE() = -1, no write until it is rolled back; XACT_STATE, Transact-SQL
        -- reference): an UPDATE here would fail with 3930 and hide this error, and the tool records the failure itself
        -- after the rollback. Without a transaction (SqlPackage, after DacFx's commit) the row is closed here.
        IF XACT_STATE() <> -1
        BEGIN
            DECLARE @DeploymentId UNIQUEIDENTIFIER = COALESCE(TRY_CAST(NULLIF(N'$(DeploymentId)', N'') AS UNIQUEIDENTIFIER),
                TRY_CAST(SESSION_CONTEXT(N'Foundation.Deploy.DeploymentId') AS UNIQUEIDENTIFIER));
            UPDATE [Deploy].[SchemaHistory]
            SET [Outcome] = 'Failed', [CompletedAt] = SYSUTCDATETIME(), [ErrorMessage] = @Message
            WHERE [DeploymentId] = @DeploymentId AND [Outcome] = 'Running';
        END;
        THROW 50321, @Message, 1;
    END CATCH;
END;
GO
