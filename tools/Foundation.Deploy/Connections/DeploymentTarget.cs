using Microsoft.Data.SqlClient;

namespace Foundation.Deploy.Connections;

/// <summary>
/// A live target: a server connection string (checked by <see cref="ConnectionPolicy"/>) and the database to deploy to.
/// The connection string comes from <c>--connection</c>, else the FOUNDATION_SQL_CONNECTION environment variable, else
/// the profile's TargetConnectionString; the database from <c>--database</c>, else the profile, else Initial Catalog.
/// </summary>
public sealed record DeploymentTarget(string ServerConnectionString, string DatabaseName)
{
    public const string ConnectionEnvironmentVariable = "FOUNDATION_SQL_CONNECTION";

    public string DatabaseConnectionString => new SqlConnectionStringBuilder(ServerConnectionString) { InitialCatalog = DatabaseName }.ConnectionString;

    /// <summary>The server name only, safe to print.</summary>
    public string ServerName => new SqlConnectionStringBuilder(ServerConnectionString).DataSource;

    /// <summary>
    /// Resolves the target. A connection string that does not parse, or breaks <see cref="ConnectionPolicy"/>, fails
    /// naming where it came from: <c>--connection</c>, the environment variable, or the profile (<paramref name="profileLabel"/>).
    /// </summary>
    public static DeploymentTarget Resolve(string? connectionOption, string? databaseOption, string? profileConnection, string? profileDatabase, string? profileLabel = null)
    {
        var environment = Environment.GetEnvironmentVariable(ConnectionEnvironmentVariable);
        (string Value, string Source)? chosen = !string.IsNullOrWhiteSpace(connectionOption) ? (connectionOption, "--connection")
            : !string.IsNullOrWhiteSpace(environment) ? (environment, $"the {ConnectionEnvironmentVariable} environment variable")
            : !string.IsNullOrWhiteSpace(profileConnection) ? (profileConnection, $"the TargetConnectionString of {profileLabel ?? "the profile"}")
            : null;
        var (connection, source) = chosen
            ?? throw DeployToolException.InvalidInput($"No target server: pass --connection, set {ConnectionEnvironmentVariable}, or use a profile with a TargetConnectionString.");
        var builder = ConnectionPolicy.Enforce(connection, source);
        var database = FirstNonEmpty(databaseOption, profileDatabase, builder.InitialCatalog)
            ?? throw DeployToolException.InvalidInput("No target database: pass --database, or use a profile with TargetDatabaseName.");
        if (string.IsNullOrWhiteSpace(builder.ApplicationName) || builder.ApplicationName == "Framework Microsoft SqlClient Data Provider"
            || builder.ApplicationName == "Core Microsoft SqlClient Data Provider")
        {
            builder.ApplicationName = "Foundation.Deploy";
        }

        builder.InitialCatalog = string.Empty;
        return new DeploymentTarget(builder.ConnectionString, database);
    }

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
