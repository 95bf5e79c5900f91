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

    public static DeploymentTarget Resolve(string? connectionOption, string? databaseOption, string? profileConnection, string? profileDatabase)
    {
        var connection = FirstNonEmpty(connectionOption, Environment.GetEnvironmentVariable(ConnectionEnvironmentVariable), profileConnection)
            ?? throw DeployToolException.InvalidInput($"No target server: pass --connection, set {ConnectionEnvironmentVariable}, or use a profile with a TargetConnectionString.");
        var builder = ConnectionPolicy.Enforce(connection);
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
