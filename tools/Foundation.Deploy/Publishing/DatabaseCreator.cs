using System.IO.Compression;
using System.Xml.Linq;
using Foundation.Deploy.Connections;
using Microsoft.Data.SqlClient;

namespace Foundation.Deploy.Publishing;

/// <summary>
/// Creates the target database, empty, with the collation of the dacpac's model, while the deployment lock (in master)
/// is held: the plan is then made against a database that exists, so the deployment is one compare and one script like
/// any other, and a second first deployment waits on the same lock instead of racing to CREATE DATABASE.
/// </summary>
public static class DatabaseCreator
{
    private static readonly XNamespace _model = "http://schemas.microsoft.com/sqlserver/dac/Serialization/2012/02";

    /// <summary>Creates the database; returns false when it exists already.</summary>
    public static async Task<bool> EnsureAsync(DeploymentTarget target, string dacpacPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        await using var connection = await SqlConnector.OpenAsync(target.ServerConnectionString, cancellationToken).ConfigureAwait(false);
        if (await SqlConnector.DatabaseExistsAsync(connection, target.DatabaseName, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var collation = ReadCollation(dacpacPath);
        var statement = $"CREATE DATABASE {Quote(target.DatabaseName)}{(collation is null ? string.Empty : " COLLATE " + collation)};";
        await using var command = new SqlCommand(statement, connection) { CommandTimeout = 300 };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The model's database collation (e.g. SQL_Latin1_General_CP1_CI_AS), or null when the model has none.</summary>
    public static string? ReadCollation(string dacpacPath)
    {
        using var zip = ZipFile.OpenRead(dacpacPath);
        using var stream = zip.GetEntry("model.xml")?.Open();
        if (stream is null)
        {
            return null;
        }

        var options = XDocument.Load(stream).Descendants(_model + "Element").FirstOrDefault(e => (string?)e.Attribute("Type") == "SqlDatabaseOptions");
        var collation = (string?)options?.Elements(_model + "Property").FirstOrDefault(p => (string?)p.Attribute("Name") == "Collation")?.Attribute("Value");
        // A collation name is letters, digits and underscores; anything else is not put into the statement.
        return collation is not null && collation.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? collation : null;
    }

    private static string Quote(string name) => "[" + name.Replace("]", "]]", StringComparison.Ordinal) + "]";
}
