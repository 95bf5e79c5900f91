using Foundation.Database.Tests.Infrastructure;
using Foundation.Database.Tests.Live.Infrastructure;
using Foundation.Database.Tests.TSqlt;
using Microsoft.Data.SqlClient;

namespace Foundation.Database.Tests.Live.TSqlt;

/// <summary>
/// A database ready for the tSQLt suite, prepared once for the test class that runs it: the server checked (and, only
/// if it is not prepared yet and the login may, prepared) for tSQLt's CLR assembly with the release's PrepareServer.sql
/// (<see cref="TSqltServerPreparation"/>), Foundation's dacpac deployed into a fresh database (through
/// <see cref="LiveDatabase"/>), tSQLt.class.sql installed, and the test classes deployed through Install.sql, the manifest
/// DBAs run. Without a server, or without tSQLt (<c>TSQLT_PATH</c>), every case is skipped with the reason; a server that
/// cannot take tSQLt fails every case with the reason and the permission it needs.
/// </summary>
public sealed class TSqltInstallation(SqlServerInstance server) : IAsyncLifetime
{
    public const string PathVariable = "TSQLT_PATH";
    public const string FrameworkScript = "tSQLt.class.sql";
    public const string PrepareServerScript = "PrepareServer.sql";

    private readonly LiveDatabase _database = new(server);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _connectionString;
    private Exception? _failure;

    /// <summary>Why the suite cannot run here without a tSQLt release: null when TSQLT_PATH holds one.</summary>
    public static string? FrameworkUnavailableReason(string? folder) =>
        string.IsNullOrWhiteSpace(folder)
            ? $"tSQLt is not available: {PathVariable} is not set (point it at the unzipped tSQLt release; see docs/testing.md)."
            : !File.Exists(Path.Combine(folder, FrameworkScript))
                ? $"tSQLt is not available: {FrameworkScript} was not found in {PathVariable} ('{folder}')."
                : null;

    /// <summary>The database with tSQLt and the test classes installed; skips or fails the calling test when it cannot be had.</summary>
    public async Task<string> RequireConnectionString()
    {
        // The server comes first: with no server at all, that is the reason to report.
        server.RequireMasterConnectionString();
        var folder = Environment.GetEnvironmentVariable(PathVariable);
        if (FrameworkUnavailableReason(folder) is { } reason)
        {
            Assert.Skip(reason);
        }

        await _gate.WaitAsync();
        try
        {
            if (_failure is not null)
            {
                throw new InvalidOperationException($"Installing tSQLt and the test classes failed earlier: {_failure.Message}", _failure);
            }

            if (_connectionString is null)
            {
                try
                {
                    _connectionString = await InstallAsync(folder!);
                }
                catch (Exception ex) when (ex is SqlException or IOException or InvalidOperationException)
                {
                    _failure = ex;
                    throw;
                }
            }

            return _connectionString;
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        _gate.Dispose();
    }

    private async Task<string> InstallAsync(string folder)
    {
        // The server first: a server that cannot take tSQLt fails before a database is deployed for nothing.
        var master = server.RequireMasterConnectionString();
        var prepare = Path.Combine(folder, PrepareServerScript);
        var readiness = await TSqltServerPreparation.ProbeAsync(master, CancellationToken.None);
        var step = TSqltServerPreparation.Decide(readiness, folder, File.Exists(prepare), server.Source);
        TestContext.Current.SendDiagnosticMessage(step.Reason);
        switch (step.Action)
        {
            case PreparationAction.Refuse:
                throw new InvalidOperationException(step.Reason);
            case PreparationAction.RunPrepareServer:
                await RunScriptAsync(master, prepare, File.ReadAllText(prepare));
                readiness = await TSqltServerPreparation.ProbeAsync(master, CancellationToken.None);
                if (!readiness.IsPrepared)
                {
                    throw new InvalidOperationException(
                        $"{PrepareServerScript} from '{folder}' ran without error, but the server is still not prepared for tSQLt "
                        + $"(clr enabled: {readiness.ClrEnabled}, login {TSqltServerPreparation.AssemblyKeyLogin}: {readiness.KeyLoginExists?.ToString() ?? "not visible"}).");
                }

                break;
        }

        var connectionString = await _database.RequireConnectionString();
        var framework = Path.Combine(folder, FrameworkScript);
        try
        {
            await RunScriptAsync(connectionString, framework, File.ReadAllText(framework));
        }
        catch (InvalidOperationException ex) when (ex.InnerException is SqlException sql
            && TSqltServerPreparation.ExplainInstallFailure(sql.Number, sql.Message, readiness, server.Source) is { } reason)
        {
            throw new InvalidOperationException(reason, ex);
        }

        await RunScriptAsync(connectionString, TSqltSuite.Manifest, SqlCmdScript.Expand(TSqltSuite.Manifest, TSqltSuite.ManifestVariables));
        return connectionString;
    }

    private static async Task RunScriptAsync(string connectionString, string source, string script)
    {
        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync();
        var batches = SqlBatchSplitter.Split(script);
        for (var i = 0; i < batches.Count; i++)
        {
            await using var command = new SqlCommand(batches[i], connection) { CommandTimeout = 300 };
            try
            {
                await command.ExecuteNonQueryAsync();
            }
            catch (SqlException ex)
            {
                throw new InvalidOperationException(
                    $"{Path.GetFileName(source)}, batch {i + 1} of {batches.Count} (line {ex.LineNumber} of the batch) failed: {ex.Message}\n{Excerpt(batches[i])}",
                    ex);
            }
        }
    }

    private static string Excerpt(string batch) => batch.Length <= 400 ? batch : batch[..400] + " ...";
}
