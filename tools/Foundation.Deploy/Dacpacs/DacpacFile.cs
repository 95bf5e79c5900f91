using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml.Linq;
using Foundation.Deploy.Migrations;
using Microsoft.SqlServer.Dac;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Deploy.Dacpacs;

/// <summary>
/// A dacpac on disk, opened once and checked: the DacFx package, the SHA-256 of its model (the checksum that
/// Deploy.SchemaHistory records), its declared SQLCMD variables and the data migrations its deploy scripts carry.
/// Opening a missing or corrupt file fails with a message naming the file and nothing else happens.
/// <see cref="Open"/> reads the package's parts but not its schema model (DacFx loads that lazily, e.g. only when it
/// compares); <see cref="LoadModel"/> loads and validates the model, so a damaged model fails here, offline, instead of
/// after a connection to the target.
/// </summary>
public sealed class DacpacFile : IDisposable
{
    /// <summary>The package name the Foundation.Database project stamps (its &lt;Name&gt;).</summary>
    public const string FoundationName = "Foundation.Database";

    private static readonly XNamespace _modelNamespace = "http://schemas.microsoft.com/sqlserver/dac/Serialization/2012/02";

    private TSqlModel? _model;

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

    /// <summary>
    /// The release this dacpac is, as releases are named: the version in the <c>manifest.json</c> beside a release
    /// baseline, else the package version without its fourth part (<c>1.0.0.0</c> is release <c>1.0.0</c>).
    /// </summary>
    public string ReleaseVersion => BaselineStore.ReadVersion(Path) ?? Dacpacs.ReleaseVersion.Display(Version);

    /// <summary>True when the package is Foundation's (its name is <see cref="FoundationName"/>).</summary>
    public bool IsFoundation => string.Equals(Name, FoundationName, StringComparison.Ordinal);

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
        if (Directory.Exists(fullPath))
        {
            throw DeployToolException.InvalidInput($"The dacpac '{fullPath}' is a folder: give the path of a .dacpac file.");
        }

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
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DeployToolException(ExitCode.InvalidInput, $"The dacpac '{fullPath}' cannot be read: {ex.Message}", ex);
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

    /// <summary>
    /// Loads the schema model (once) and validates it: a model.xml that does not match its checksum, names an element
    /// that does not exist, or does not load is refused with DacFx's reason; so are model errors (warnings pass, as in
    /// the build). Costs about a second for Foundation's model.
    /// </summary>
    public TSqlModel LoadModel()
    {
        if (_model is not null)
        {
            return _model;
        }

        TSqlModel model;
        try
        {
            model = TSqlModel.LoadFromDacpac(Path, new ModelLoadOptions(DacSchemaModelStorageType.Memory, loadAsScriptBackedModel: false));
        }
        catch (Exception ex) when (ex is DacServicesException or DacModelException or InvalidOperationException or IOException or System.Xml.XmlException)
        {
            var reason = ex.InnerException?.Message ?? ex.Message;
            throw new DeployToolException(ExitCode.InvalidInput, $"The dacpac '{Path}' has a damaged schema model: {reason} Rebuild it (dotnet build) or take the release's dacpac again.", ex);
        }

        var errors = model.Validate().Where(m => m.MessageType == DacMessageType.Error).ToList();
        if (errors.Count > 0)
        {
            model.Dispose();
            throw DeployToolException.InvalidInput(
                $"The dacpac '{Path}' has a model that does not validate ({errors.Count} error(s)): {string.Join("; ", errors.Take(3).Select(e => e.ToString()))}");
        }

        _model = model;
        return model;
    }

    /// <summary>
    /// Refuses a dacpac of another database (its package name is not Foundation's) unless <paramref name="allowOther"/>;
    /// the refused file is disposed, so <c>using var d = DacpacFile.Open(p).EnsureFoundation(...)</c> leaks nothing.
    /// </summary>
    public DacpacFile EnsureFoundation(bool allowOther, string option)
    {
        if (!allowOther && !IsFoundation)
        {
            Dispose();
            throw DeployToolException.InvalidInput(
                $"The dacpac '{Path}' ({option}) is of database '{Name}', not {FoundationName}: planning or deploying it as Foundation would drop Foundation's objects. Pass --allow-other-database if that is really meant.");
        }

        return this;
    }

    public void Dispose()
    {
        _model?.Dispose();
        Package.Dispose();
    }

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
