using Foundation.Database.Tests.Live.Infrastructure;
using Foundation.Deploy;
using Microsoft.Data.SqlClient;

namespace Foundation.Database.Tests.Live.Integration;

/// <summary>
/// The database audit specification that post-deployment step 080 creates is not in the model: a publish that drops
/// objects not in the source (the Local profile, and every rollback) must keep it, and the drift gate must not count it
/// (issue #15, item 6). Needs the server audit it binds to: made for the test when the login may, else skipped.
/// </summary>
public sealed class AuditSpecificationLiveTests(SqlServerInstance server)
{
    private const string CountSql = "SELECT COUNT(*) FROM [sys].[database_audit_specifications] WHERE [name] = N'FoundationDatabaseAudit';";

    [Fact(Timeout = LiveTimeouts.TestMilliseconds)]
    public async Task SecondPublish_DropsObjectsNotInSource_ButIsNotRefusedAsDrift_AndKeepsTheAuditSpecification()
    {
        await using var db = new LiveDeploymentDatabase(server);
        var created = await EnsureServerAuditAsync(db.Master);
        try
        {
            Assert.Equal(ExitCode.Success, await db.RunAsync("publish", "--dacpac", LiveReleases.Current, "--profile", "Local", "--release-version", "1.0.0-live"));
            Assert.Equal(["1"], await db.QueryAsync(CountSql));

            var second = await db.RunAsync("publish", "--dacpac", LiveReleases.Current, "--profile", "Local", "--release-version", "1.0.0-live");

            Assert.True(second == ExitCode.Success, db.Console.Errors);
            Assert.Equal(["1"], await db.QueryAsync(CountSql));
            Assert.Equal(ExitCode.Success, await db.RunAsync("drift", "--profile", "Local", "--dacpac", LiveReleases.Current));
        }
        finally
        {
            if (created)
            {
                await DropServerAuditAsync(db);
            }
        }
    }

    /// <summary>Creates the server audit when missing (true: this test made it and drops it); skips when the login may not.</summary>
    private static async Task<bool> EnsureServerAuditAsync(string master)
    {
        await using var connection = new SqlConnection(master);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using (var check = new SqlCommand(
            "SELECT IIF(EXISTS (SELECT 1 FROM [sys].[server_audits] WHERE [name] = N'FoundationServerAudit'), 1, 0), ISNULL(HAS_PERMS_BY_NAME(NULL, NULL, 'ALTER ANY SERVER AUDIT'), 0);",
            connection))
        await using (var reader = await check.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            await reader.ReadAsync(TestContext.Current.CancellationToken);
            if (reader.GetInt32(0) == 1)
            {
                return false;
            }

            Assert.SkipWhen(reader.GetInt32(1) != 1, "the server has no audit [FoundationServerAudit] and the login may not create one (ALTER ANY SERVER AUDIT).");
        }

        // In the instance's data folder, which exists on Windows and Linux alike.
        await using var create = new SqlCommand(
            """
            DECLARE @Create NVARCHAR(MAX) = CONCAT(N'CREATE SERVER AUDIT [FoundationServerAudit] TO FILE (FILEPATH = ',
                QUOTENAME(CAST(SERVERPROPERTY('InstanceDefaultDataPath') AS NVARCHAR(400)), ''''), N');');
            EXEC [sys].[sp_executesql] @Create;
            ALTER SERVER AUDIT [FoundationServerAudit] WITH (STATE = ON);
            """,
            connection);
        await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return true;
    }

    private static async Task DropServerAuditAsync(LiveDeploymentDatabase db)
    {
        await db.ExecuteAsync(
            """
            IF EXISTS (SELECT 1 FROM [sys].[database_audit_specifications] WHERE [name] = N'FoundationDatabaseAudit')
            BEGIN
                ALTER DATABASE AUDIT SPECIFICATION [FoundationDatabaseAudit] WITH (STATE = OFF);
                DROP DATABASE AUDIT SPECIFICATION [FoundationDatabaseAudit];
            END;
            """);
        await using var connection = new SqlConnection(db.Master);
        await connection.OpenAsync();
        await using var drop = new SqlCommand("ALTER SERVER AUDIT [FoundationServerAudit] WITH (STATE = OFF); DROP SERVER AUDIT [FoundationServerAudit];", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
