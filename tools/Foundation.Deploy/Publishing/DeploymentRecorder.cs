using System.Data;
using Foundation.Deploy.Connections;
using Microsoft.Data.SqlClient;

namespace Foundation.Deploy.Publishing;

/// <summary>
/// Records a failed deployment in Deploy.SchemaHistory from the tool's side (the post-deployment script records
/// successes; a failure stops the script before it gets there). Marks the row the pre-deployment script opened, or adds
/// one. Says why when it could not: the database has no history table yet (a first deployment that failed early), or
/// the write itself failed (server unreachable, a timeout, a permission), which is not the same thing to an operator.
/// </summary>
public static class DeploymentRecorder
{
    /// <summary>
    /// How long the write may wait. Closing the failed deployment's session makes the server roll its transaction back,
    /// and the history row that transaction inserted stays locked until the rollback ends: the write waits behind it,
    /// and undoing a table rebuild can take far longer than SqlClient's default 30 seconds.
    /// </summary>
    public const int CommandTimeoutSeconds = 300;

    public sealed record Failure(Guid DeploymentId, string ReleaseVersion, string DacpacChecksum, string Direction, string ToolVersion, string ReportHash, DateTime StartedAtUtc, string Error);

    /// <summary>What recording achieved: <see cref="Recorded"/>, or why not (<see cref="NotRecordedBecause"/>).</summary>
    public sealed record Outcome(bool Recorded, string? NotRecordedBecause)
    {
        public static Outcome Done { get; } = new(true, null);
    }

    public const string NoHistoryTable = "the database has no [Deploy].[SchemaHistory] (a first deployment that failed before its schema change committed)";

    public static async Task<Outcome> RecordFailureAsync(DeploymentTarget target, Failure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(failure);
        try
        {
            await using var connection = await SqlConnector.OpenAsync(target.DatabaseConnectionString, cancellationToken).ConfigureAwait(false);
            await using var command = Command(failure, DateTime.UtcNow - failure.StartedAtUtc);
            command.Connection = connection;
            return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!
                ? Outcome.Done
                : new Outcome(false, NoHistoryTable);
        }
        catch (SqlException ex)
        {
            return new Outcome(false, $"writing it failed (error {ex.Number}): {ex.Message}");
        }
        catch (DeployToolException ex)
        {
            return new Outcome(false, $"writing it failed: {ex.Message}");
        }
    }

    /// <summary>
    /// The recording command, without its connection. The server's clock dates the row: [StartedAt] is the server's
    /// time less the elapsed time the tool measured, not the tool's clock, because the table requires
    /// <c>[CompletedAt] &gt;= [StartedAt]</c> (CK_Deploy_SchemaHistory_Finished_Deployment_Has_CompletedAt) and
    /// [CompletedAt] is SYSUTCDATETIME(): a build agent whose clock runs ahead of the server's by more than the
    /// deployment lasted would break that check (error 547), and the failure would go unrecorded.
    /// </summary>
    public static SqlCommand Command(Failure failure, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var command = new SqlCommand(
            """
            IF OBJECT_ID(N'[Deploy].[SchemaHistory]', N'U') IS NULL
            BEGIN
                SELECT CAST(0 AS BIT);
                RETURN;
            END;
            EXEC [sys].[sp_executesql] N'
                DECLARE @Now DATETIME2(7) = SYSUTCDATETIME();
                UPDATE [Deploy].[SchemaHistory]
                SET [Outcome] = ''Failed'', [CompletedAt] = @Now, [ErrorMessage] = @Error
                WHERE [DeploymentId] = @DeploymentId;
                IF @@ROWCOUNT = 0
                    INSERT INTO [Deploy].[SchemaHistory]
                        ([DeploymentId], [ReleaseVersion], [DacpacChecksum], [Direction], [PreviousVersion], [StartedAt], [CompletedAt],
                         [Outcome], [ToolVersion], [ReportHash], [ErrorMessage])
                    VALUES (@DeploymentId, @ReleaseVersion, NULLIF(@DacpacChecksum, ''''), @Direction,
                            (SELECT TOP (1) [ReleaseVersion] FROM [Deploy].[SchemaHistory] WHERE [Outcome] = ''Succeeded'' ORDER BY [SchemaHistoryId] DESC),
                            DATEADD(MILLISECOND, -@ElapsedMs, @Now), @Now, ''Failed'', @ToolVersion, NULLIF(@ReportHash, ''''), @Error);',
                N'@DeploymentId UNIQUEIDENTIFIER, @ReleaseVersion NVARCHAR(64), @DacpacChecksum VARCHAR(64), @Direction VARCHAR(10),
                  @ElapsedMs INT, @ToolVersion NVARCHAR(128), @ReportHash VARCHAR(64), @Error NVARCHAR(4000)',
                @DeploymentId, @ReleaseVersion, @DacpacChecksum, @Direction, @ElapsedMs, @ToolVersion, @ReportHash, @Error;
            SELECT CAST(1 AS BIT);
            """)
        {
            CommandTimeout = CommandTimeoutSeconds,
        };
        command.Parameters.AddWithValue("@DeploymentId", failure.DeploymentId);
        command.Parameters.AddWithValue("@ReleaseVersion", failure.ReleaseVersion);
        command.Parameters.AddWithValue("@DacpacChecksum", failure.DacpacChecksum);
        command.Parameters.AddWithValue("@Direction", failure.Direction);
        // DATEADD takes an INT: clamped to [0, about 24 days].
        command.Parameters.Add(new SqlParameter("@ElapsedMs", SqlDbType.Int) { Value = (int)Math.Clamp(elapsed.TotalMilliseconds, 0, int.MaxValue) });
        command.Parameters.AddWithValue("@ToolVersion", failure.ToolVersion);
        command.Parameters.AddWithValue("@ReportHash", failure.ReportHash);
        command.Parameters.AddWithValue("@Error", failure.Error.Length > 4000 ? failure.Error[..4000] : failure.Error);
        return command;
    }
}
