using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml.Linq;
using Foundation.Deploy.Migrations;
using Microsoft.SqlServer.Dac;

namespace Foundation.Deploy.Dacpacs;

/// <summary>
/// A dacpac on disk, opened once and checked: the DacFx package, the SHA-256 of its model (the checksum that
/// Deploy.SchemaHistory records), its declared SQLCMD variables and the data migrations its deploy scripts carry.
/// Opening a missing or corrupt file fails with a message naming the file and nothing else happens.
/// </summary>
public sealed class DacpacFile : IDisposable
{
    private static readonly XNamespace _modelNamespace = "http://schemas.microsoft.com/sqlserver/dac/Serialization/2012/02";

    private DacpacFile(
        string path,
        DacPackage package,
        string modelChecksum,
        IReadOnlyDictionary<string, string> declaredVariables,
        IReadOnlyList<MigrationManifestEntry> migrations,
        (string? Pre, string? Post) deploymentScripts)
    {
        Path = path;
        Package = package;
        ModelChecksum = modelChecksum;
        DeclaredVariables = declaredVariables;
        Migrations = migrations;
        PreDeploymentScript = deploymentScripts.Pre;
        PostDeploymentScript = deploymentScripts.Post;
    }

    public string Path { get; }

    public DacPackage Package { get; }

    /// <summary>SHA-256 (lower-case hex) of model.xml inside the package.</summary>
    public string ModelChecksum { get; }

    /// <summary>The package's name and version as the build stamped them (DacVersion).</summary>
    public string Name => Package.Name;

    public Version Version => Package.Version;

    /// <summary>SQLCMD variables the project declares, with the default value the project gives them.</summary>
    public IReadOnlyDictionary<string, string> DeclaredVariables { get; }

    /// <summary>The data migrations compiled into the package's post-deployment script, in run order.</summary>
    public IReadOnlyList<MigrationManifestEntry> Migrations { get; }

    /// <summary>The package's pre-deployment script (predeploy.sql), or null.</summary>
    public string? PreDeploymentScript { get; }

    /// <summary>The package's post-deployment script (postdeploy.sql), or null.</summary>
    public string? PostDeploymentScript { get; }

    public static DacpacFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw DeployToolException.InvalidInput($"The dacpac '{fullPath}' does not exist.");
        }

        string checksum;
        IReadOnlyDictionary<string, string> variables;
        IReadOnlyList<MigrationManifestEntry> migrations;
        string? preDeployment;
        string? postDeployment;
        try
        {
            using var zip = ZipFile.OpenRead(fullPath);
            var model = zip.GetEntry("model.xml")
                ?? throw DeployToolException.InvalidInput($"The dacpac '{fullPath}' has no model.xml: it is not a dacpac or it is damaged.");
            using (var stream = model.Open())
            {
                checksum = Convert.ToHexStringLower(SHA256.HashData(stream));
            }

            using (var stream = model.Open())
            {
                variables = ReadDeclaredVariables(stream);
            }

            preDeployment = ReadEntry(zip, "predeploy.sql");
            postDeployment = ReadEntry(zip, "postdeploy.sql");
            migrations = postDeployment is null ? [] : MigrationManifestEntry.ParseAll(postDeployment);
        }
        catch (InvalidDataException ex)
        {
            throw new DeployToolException(ExitCode.InvalidInput, $"The file '{fullPath}' is not a valid dacpac (not a readable zip package): {ex.Message}", ex);
        }
        catch (System.Xml.XmlException ex)
        {
            throw new DeployToolException(ExitCode.InvalidInput, $"The dacpac '{fullPath}' has a damaged model.xml: {ex.Message}", ex);
        }

        try
        {
            var package = DacPackage.Load(fullPath, DacSchemaModelStorageType.Memory, FileAccess.Read);
            return new DacpacFile(fullPath, package, checksum, variables, migrations, (preDeployment, postDeployment));
        }
        catch (Exception ex) when (ex is DacServicesException or InvalidOperationException or IOException or ArgumentException)
        {
            throw new DeployToolException(ExitCode.InvalidInput, $"The dacpac '{fullPath}' could not be loaded by DacFx: {ex.Message}", ex);
        }
    }

    public void Dispose() => Package.Dispose();

    /// <summary>The model checksum alone, without loading the package (cheap: used to search artifact folders).</summary>
    public static string? TryComputeModelChecksum(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            using var stream = zip.GetEntry("model.xml")?.Open();
            return stream is null ? null : Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? ReadEntry(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name);
        if (entry is null)
        {
            return null;
        }

        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static Dictionary<string, string> ReadDeclaredVariables(Stream modelXml)
    {
        // <Header><CustomData Category="SqlCmdVariables" Type="SqlCmdVariable"><Metadata Name="X" Value="default" />
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var settings = new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit };
        using var reader = System.Xml.XmlReader.Create(modelXml, settings);
        while (reader.Read())
        {
            if (reader.NodeType == System.Xml.XmlNodeType.Element && reader.LocalName == "Model")
            {
                break; // the header precedes the model, which can be large
            }

            if (reader.NodeType == System.Xml.XmlNodeType.Element && reader.LocalName == "CustomData"
                && reader.GetAttribute("Category") == "SqlCmdVariables")
            {
                var element = (XElement)XNode.ReadFrom(reader);
                foreach (var metadata in element.Elements(_modelNamespace + "Metadata"))
                {
                    var name = (string?)metadata.Attribute("Name");
                    if (!string.IsNullOrEmpty(name))
                    {
                        result[name] = (string?)metadata.Attribute("Value") ?? string.Empty;
                    }
                }
            }
        }

        return result;
    }
}
