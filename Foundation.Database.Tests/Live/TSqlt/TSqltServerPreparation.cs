using Microsoft.Data.SqlClient;

namespace Foundation.Database.Tests.Live.TSqlt;

/// <summary>
/// Whether the server is ready for tSQLt's CLR assembly, and what to do if not. tSQLt.class.sql creates its assembly
/// without checking anything first; under "clr strict security" (on by default since SQL Server 2017) that works only if
/// the assembly's signing key has a login with UNSAFE ASSEMBLY in master, and tSQLt's code runs only with "clr enabled".
/// The release's PrepareServer.sql provides both, once per server: it enables CLR (sp_configure, tSQLt.Private_EnableCLR)
/// and creates the login tSQLtAssemblyKey from the key and grants it UNSAFE ASSEMBLY (tSQLt.InstallAssemblyKey, which
/// refuses to run without CONTROL SERVER). tSQLt V1.1.8738, Source/tSQLt.PrepareServer.ssp.sql,
/// tSQLt.InstallAssemblyKey.ssp.sql, tSQLt.Private_EnableCLR.ssp.sql; PrepareServer.sql ships since V1.0.7597.
/// So the server counts as prepared when CLR is enabled and that login exists; it is then never prepared again, and a
/// login without CONTROL SERVER is told what is missing instead of failing in the middle of PrepareServer.sql.
/// </summary>
public static class TSqltServerPreparation
{
    public const string AssemblyKeyLogin = "tSQLtAssemblyKey";

    // sys.configurations is visible to every login. sys.server_principals shows other logins only with ALTER ANY LOGIN
    // or a permission on the login (VIEW ANY DEFINITION, CONTROL SERVER imply it; SQL Server 2022 adds VIEW ANY SECURITY
    // DEFINITION), so without one of those a missing row means "cannot tell". HAS_PERMS_BY_NAME(NULL, NULL, ...) tests a
    // server-level permission and returns NULL for a permission the server does not know.
    private const string ProbeSql = """
        SELECT
            CAST(ISNULL((SELECT CAST([value_in_use] AS INT) FROM [sys].[configurations] WHERE [name] = N'clr enabled'), 0) AS BIT),
            CAST(CASE WHEN EXISTS (SELECT 1 FROM [sys].[server_principals] WHERE [name] = @KeyLogin AND [type] = 'K') THEN 1 ELSE 0 END AS BIT),
            CAST(CASE WHEN ISNULL(HAS_PERMS_BY_NAME(NULL, NULL, N'ALTER ANY LOGIN'), 0) = 1
                        OR ISNULL(HAS_PERMS_BY_NAME(NULL, NULL, N'VIEW ANY DEFINITION'), 0) = 1
                        OR ISNULL(HAS_PERMS_BY_NAME(NULL, NULL, N'VIEW ANY SECURITY DEFINITION'), 0) = 1
                        OR ISNULL(HAS_PERMS_BY_NAME(NULL, NULL, N'CONTROL SERVER'), 0) = 1 THEN 1 ELSE 0 END AS BIT),
            CAST(ISNULL(HAS_PERMS_BY_NAME(NULL, NULL, N'CONTROL SERVER'), 0) AS BIT),
            ORIGINAL_LOGIN();
        """;

    /// <summary>Errors of a tSQLt install on an unprepared server: CLR disabled (6263), strict security refusing the assembly (10343, 10327).</summary>
    private static readonly int[] _clrErrors = [6263, 10327, 10343];

    public static async Task<ServerReadiness> ProbeAsync(string masterConnectionString, CancellationToken cancellationToken)
    {
        await using var connection = new SqlConnection(masterConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new SqlCommand(ProbeSql, connection);
        command.Parameters.Add(new SqlParameter("@KeyLogin", System.Data.SqlDbType.NVarChar, 128) { Value = AssemblyKeyLogin });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var keyLoginVisible = reader.GetBoolean(1);
        var seesAllLogins = reader.GetBoolean(2);
        return new ServerReadiness(
            ClrEnabled: reader.GetBoolean(0),
            KeyLoginExists: keyLoginVisible ? true : seesAllLogins ? false : null,
            HasControlServer: reader.GetBoolean(3),
            Login: reader.IsDBNull(4) ? "(unknown)" : reader.GetString(4));
    }

    /// <summary>What to do, given the server's state, the tSQLt folder and whether it holds PrepareServer.sql.</summary>
    public static PreparationStep Decide(ServerReadiness state, string folder, bool hasPrepareServerScript, string serverSource)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.IsPrepared)
        {
            return new PreparationStep(PreparationAction.AlreadyPrepared, $"CLR is enabled and the login {AssemblyKeyLogin} exists: the server is prepared for tSQLt; PrepareServer.sql is not run.");
        }

        var missing = Missing(state);
        if (state.HasControlServer)
        {
            return hasPrepareServerScript
                ? new PreparationStep(PreparationAction.RunPrepareServer, $"The server is not prepared for tSQLt ({missing}); running PrepareServer.sql as {state.Login}, who has CONTROL SERVER.")
                : new PreparationStep(PreparationAction.Refuse,
                    $"The server from {serverSource} is not prepared for tSQLt ({missing}), and {TSqltInstallation.PathVariable} ('{folder}') holds no "
                    + $"{TSqltInstallation.PrepareServerScript}, which prepares it. tSQLt ships that script in its release zip since V1.0.7597: "
                    + $"unzip a current release (V1.1.8738 or later) into {TSqltInstallation.PathVariable}, or run that release's "
                    + $"{TSqltInstallation.PrepareServerScript} on the server once yourself (docs/testing.md, \"Server preparation\").");
        }

        if (state.ClrEnabled && state.KeyLoginExists is null)
        {
            return new PreparationStep(PreparationAction.InstallUnverified,
                $"CLR is enabled; whether the login {AssemblyKeyLogin} exists is hidden from {state.Login} (it needs ALTER ANY LOGIN or VIEW ANY DEFINITION to see it). "
                + "Installing tSQLt on the assumption that the server is prepared.");
        }

        return new PreparationStep(PreparationAction.Refuse, NotPrepared(state, serverSource, missing));
    }

    /// <summary>
    /// A clear reason for a failed tSQLt install when the error says the server is not prepared for the CLR assembly;
    /// null for any other error.
    /// </summary>
    public static string? ExplainInstallFailure(int errorNumber, string message, ServerReadiness state, string serverSource)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(state);
        var clrProblem = _clrErrors.Contains(errorNumber)
            || message.Contains("clr strict security", StringComparison.OrdinalIgnoreCase)
            || message.Contains("clr enabled", StringComparison.OrdinalIgnoreCase);
        return clrProblem
            ? $"tSQLt could not install its CLR assembly ({errorNumber}: {message}). {NotPrepared(state, serverSource, "the server does not trust tSQLt's assembly")}"
            : null;
    }

    private static string NotPrepared(ServerReadiness state, string serverSource, string missing) =>
        $"The server from {serverSource} is not prepared for tSQLt ({missing}). Preparing it (the release's {TSqltInstallation.PrepareServerScript}: "
        + $"sp_configure 'clr enabled' and the login {AssemblyKeyLogin} with UNSAFE ASSEMBLY) needs the permission CONTROL SERVER (e.g. sysadmin)"
        + (state.HasControlServer ? ". " : $", which the login {state.Login} does not have. ")
        + $"Run {TSqltInstallation.PrepareServerScript} from the tSQLt release once on this server as such a login (docs/testing.md, \"Server preparation\"), "
        + "or connect the tests with one.";

    private static string Missing(ServerReadiness state)
    {
        var missing = new List<string>();
        if (!state.ClrEnabled)
        {
            missing.Add("'clr enabled' is 0");
        }

        missing.Add(state.KeyLoginExists switch
        {
            false => $"the login {AssemblyKeyLogin} does not exist",
            null => $"the login {AssemblyKeyLogin} is not visible to {state.Login}",
            _ => string.Empty,
        });
        return string.Join("; ", missing.Where(text => text.Length > 0));
    }
}
