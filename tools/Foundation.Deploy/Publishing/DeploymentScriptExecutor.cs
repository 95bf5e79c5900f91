using Foundation.Deploy.Cli;
using Foundation.Deploy.Connections;
using Foundation.Deploy.Planning;
using Microsoft.Data.SqlClient;

namespace Foundation.Deploy.Publishing;

/// <summary>
/// Runs a composed deployment script (<see cref="DeploymentScriptComposer"/>) exactly as written, the way sqlcmd runs a
/// SQLCMD-mode script: the whole text is read first (<see cref="SqlCmdBatchReader"/>: <c>:setvar</c>, <c>:on error</c>,
/// <c>$(Name)</c>, <c>GO</c>), so a malformed script runs nothing; then batch after batch on one session, starting a new
/// session where the script says so. <c>:on error exit</c> stops at the first error. Sessions are never pooled, so
/// closing one after a failure rolls back whatever transaction it had open. PRINT output goes to the console.
/// <paramref name="open"/> opens a session (a seam for tests; <see cref="SqlConnector.OpenAsync"/> by default).
/// </summary>
public sealed class DeploymentScriptExecutor(IConsoleOutput console, Func<string, CancellationToken, Task<SqlConnection>>? open = null)
{
    /// <summary>A batch failed: which one, where it starts in the script, and the server's error.</summary>
    public sealed class BatchFailedException(int batch, int line, string text, SqlException error)
        : Exception($"Batch {batch} (deploy.sql line {line}) failed: {error.Message}", error)
    {
        public int Batch { get; } = batch;

        public int Line { get; } = line;

        public string Text { get; } = text;

        public SqlException Error { get; } = error;
    }

    /// <summary>
    /// The session the script asks for after the schema change committed (the post-deployment script's) could not be
    /// opened: unlike a failure to connect at the start, the database has changed, so this is a failed deployment.
    /// </summary>
    public sealed class NewSessionFailedException(int batch, int line, DeployToolException error)
        : Exception($"The new session the script starts at batch {batch} (deploy.sql line {line}, the post-deployment script) could not be opened after the schema change committed: {error.Message}", error);

    /// <summary>Runs <paramref name="script"/> against <paramref name="target"/>; <paramref name="overrides"/> win over the script's <c>:setvar</c>.</summary>
    public async Task ExecuteAsync(string script, IReadOnlyDictionary<string, string> overrides, DeploymentTarget target, int commandTimeoutSeconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var read = SqlCmdBatchReader.Read(script, overrides);
        var connectionString = new SqlConnectionStringBuilder(target.DatabaseConnectionString) { Pooling = false }.ConnectionString;
        var session = await OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var batch in read.Batches)
            {
                if (batch.RawText.TrimStart().StartsWith(DeploymentScriptComposer.NewSessionMarker, StringComparison.Ordinal))
                {
                    await session.DisposeAsync().ConfigureAwait(false);
                    try
                    {
                        session = await OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
                    }
                    catch (DeployToolException ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new NewSessionFailedException(batch.Index, batch.StartLine, ex);
                    }

                    console.WriteLine("  (post-deployment script: new session)");
                    continue;
                }

                if (batch.Text.Trim().Length == 0)
                {
                    continue;
                }

                for (var run = 0; run < batch.Repeat; run++)
                {
                    try
                    {
                        await using var command = new SqlCommand(batch.Text, session) { CommandTimeout = commandTimeoutSeconds };
                        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (SqlException ex) when (read.ExitOnError && !cancellationToken.IsCancellationRequested)
                    {
                        throw new BatchFailedException(batch.Index, batch.StartLine, batch.Text, ex);
                    }
                    catch (SqlException ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        console.WriteError($"  batch {batch.Index} (line {batch.StartLine}) failed and the script says ':on error ignore': {ex.Message}");
                    }
                }
            }
        }
        finally
        {
            // An open transaction (a failure, a cancellation) is rolled back by the server when the session closes.
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<SqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = await (open ?? SqlConnector.OpenAsync)(connectionString, cancellationToken).ConfigureAwait(false);
        connection.InfoMessage += (_, e) =>
        {
            foreach (SqlError message in e.Errors)
            {
                console.WriteLine("  " + message.Message);
            }
        };
        return connection;
    }
}
