using Foundation.Deploy.Connections;
using Microsoft.Data.SqlClient;

namespace Foundation.Deploy.Publishing;

/// <summary>
/// Records a failed deployment in Deploy.SchemaHistory from the tool's side (the post-deployment script records
/// successes; a failure stops the script before it gets there). Marks the row the pre-deployment script opened, or adds
/// one. Returns false when the database has no history table yet (a first deployment that failed early).
/// </summary>
public static class DeploymentRecorder
{
    public sealed record Failure(Guid DeploymentId, string ReleaseVersion, string DacpacChecksum, string Direction, string ToolVersion, string ReportHash, DateTime StartedAtUtc, string Error);

    public static async Task<bool> RecordFailureAsync(DeploymentTarget target, Failure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(failure);
        try
        {
            await using var connection = await SqlConnector.OpenAsync(target.DatabaseConnectionString, cancellationToken).ConfigureAwait(false);
            await using var command = new SqlCommand(
                """
                IF OBJECT_ID(N'[Deploy].[SchemaHistory]', N'U') IS NULL
                BEGIN
                    SELECT CAST(0 AS BIT);
                    RETURN;
                END;
                EXEC [sys].[sp_executesql] N'
                    UPDATE [Deploy].[SchemaHistory]
                    SET [Outcome] = ''Failed'', [CompletedAt] = SYSUTCDATETIME(), [ErrorMessage] = @Error
                    WHERE [DeploymentId] = @DeploymentId;
                    IF @@ROWCOUNT = 0
                        INSERT INTO [Deploy].[SchemaHistory]
                            ([DeploymentId], [ReleaseVersion], [DacpacChecksum], [Direction], [PreviousVersion], [StartedAt], [CompletedAt],
                             [Outcome], [ToolVersion], [ReportHash], [ErrorMessage])
                        VALUES (@DeploymentId, @ReleaseVersion, NULLIF(@DacpacChecksum, ''''), @Direction,
                                (SELECT TOP (1) [ReleaseVersion] FROM [Deploy].[SchemaHistory] WHERE [Outcome] = ''Succeeded'' ORDER BY [SchemaHistoryId] DESC),
                                @StartedAt, SYSUTCDATETIME(), ''Failed'', @ToolVersion, NULLIF(@ReportHash, ''''), @Error);',
                    N'@DeploymentId UNIQUEIDENTIFIER, @ReleaseVersion NVARCHAR(64), @DacpacChecksum VARCHAR(64), @Direction VARCHAR(10),
                      @StartedAt DATETIME2(7), @ToolVersion NVARCHAR(128), @ReportHash VARCHAR(64), @Error NVARCHAR(4000)',
                    @DeploymentId, @ReleaseVersion, @DacpacChecksum, @Direction, @StartedAt, @ToolVersion, @ReportHash, @Error;
                SELECT CAST(1 AS BIT);
                """,
                connection);
            command.Parameters.AddWithValue("@DeploymentId", failure.DeploymentId);
            command.Parameters.AddWithValue("@ReleaseVersion", failure.ReleaseVersion);
            command.Parameters.AddWithValue("@DacpacChecksum", failure.DacpacChecksum);
            command.Parameters.AddWithValue("@Direction", failure.Direction);
            command.Parameters.Add(new SqlParameter("@StartedAt", System.Data.SqlDbType.DateTime2) { Value = failure.StartedAtUtc });
            command.Parameters.AddWithValue("@ToolVersion", failure.ToolVersion);
            command.Parameters.AddWithValue("@ReportHash", failure.ReportHash);
            command.Parameters.AddWithValue("@Error", failure.Error.Length > 4000 ? failure.Error[..4000] : failure.Error);
            return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        catch (Exception ex) when (ex is SqlException or DeployToolException)
        {
            return false;
        }
    }
}
