using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Foundation.Database.Tests.Infrastructure;
using Foundation.Deploy.Migrations;
using Microsoft.SqlServer.Dac;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Deployment.Rehearsal;

/// <summary>
/// Builds dacpacs of the project with edits, in process, in about a second each: the model is made once from the
/// project's .sql files (as the build does: every file outside bin/, obj/, Scripts/ and Migrations/, with the built
/// model's database options), each variant replaces the files it edits, and the package is a copy of the built dacpac
/// with that model (<see cref="DacPackageExtensions.UpdateModel"/>), the built model's header (its SQLCMD variable
/// declarations) and the variant's own pre/post-deployment scripts (<see cref="DeploymentScriptSources"/>).
/// RehearsalModelTests proves that the variant without edits is the built dacpac.
/// </summary>
public sealed class VariantDacpacBuilder : IDisposable
{
    private static readonly XNamespace _dac = "http://schemas.microsoft.com/sqlserver/dac/Serialization/2012/02";
    private static readonly string[] _skippedFolders = ["bin", "obj", "Scripts", "Migrations"];

    private readonly TSqlModel _model;
    private readonly Dictionary<string, string> _files;
    private readonly string _directory = Directory.CreateTempSubdirectory("foundation-rehearsal-").FullName;
    private readonly XElement _header;
    private readonly object _gate = new();

    /// <param name="editable">The project files (relative paths, '/' separated) that variants edit: kept as separate model sources.</param>
    public VariantDacpacBuilder(IReadOnlyCollection<string> editable)
    {
        ArgumentNullException.ThrowIfNull(editable);
        var project = RepositoryPaths.DatabaseProjectDirectory;
        _files = Directory.EnumerateFiles(project, "*.sql", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(project, file).Replace('\\', '/'))
            .Where(relative => !_skippedFolders.Contains(relative.Split('/')[0], StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToDictionary(relative => relative, relative => File.ReadAllText(Path.Combine(project, relative)), StringComparer.Ordinal);
        var missing = editable.Where(e => !_files.ContainsKey(e)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException("The rehearsal edits files the project does not have: " + string.Join(", ", missing));
        }

        _model = new TSqlModel(SqlServerVersion.Sql160, BuiltModel.Model.CopyModelOptions());
        // One source for the files no variant edits (one call is far cheaper than one per file), one per edited file.
        _model.AddOrUpdateObjects(string.Join("\nGO\n", _files.Where(f => !editable.Contains(f.Key)).Select(f => f.Value)), "project", new TSqlObjectOptions());
        foreach (var file in editable)
        {
            _model.AddOrUpdateObjects(_files[file], file, new TSqlObjectOptions());
        }

        using var zip = ZipFile.OpenRead(RepositoryPaths.Dacpac);
        using var model = zip.GetEntry("model.xml")!.Open();
        _header = XDocument.Load(model).Root!.Element(_dac + "Header") ?? throw new InvalidOperationException("The built dacpac's model has no header.");
    }

    public string Folder => _directory;

    /// <summary>The text of a project file.</summary>
    public string SourceOf(string relativePath) => _files[relativePath];

    /// <summary>Builds a variant: <paramref name="edits"/> replace files' text; <paramref name="migrations"/> go into its deploy scripts.</summary>
    public string Build(string name, IReadOnlyDictionary<string, string> edits, IReadOnlyList<Migration> migrations)
    {
        ArgumentNullException.ThrowIfNull(edits);
        var path = Path.Combine(_directory, name + ".dacpac");
        lock (_gate)
        {
            foreach (var (file, text) in edits)
            {
                _model.AddOrUpdateObjects(text, file, new TSqlObjectOptions());
            }

            try
            {
                File.Copy(RepositoryPaths.Dacpac, path, overwrite: true);
                using (var package = DacPackage.Load(path, DacSchemaModelStorageType.Memory, FileAccess.ReadWrite))
                {
                    package.UpdateModel(_model, new PackageMetadata { Name = package.Name, Version = package.Version.ToString(), Description = package.Description });
                }
            }
            finally
            {
                foreach (var file in edits.Keys)
                {
                    _model.AddOrUpdateObjects(_files[file], file, new TSqlObjectOptions());
                }
            }
        }

        var (pre, post) = DeploymentScriptSources.Expand(migrations);
        Patch(path, pre, post);
        return path;
    }

    /// <summary>An empty database's dacpac: the target of a first deployment.</summary>
    public string BuildEmpty()
    {
        var path = Path.Combine(_directory, "empty.dacpac");
        using var model = new TSqlModel(SqlServerVersion.Sql160, BuiltModel.Model.CopyModelOptions());
        DacPackageExtensions.BuildPackage(path, model, new PackageMetadata { Name = "Empty", Version = "0.0.0.0" });
        return path;
    }

    public void Dispose()
    {
        _model.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>Puts the built model's header and the variant's scripts into the package, and the model checksum into Origin.xml.</summary>
    private void Patch(string path, string pre, string post)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        XDocument model;
        using (var stream = zip.GetEntry("model.xml")!.Open())
        {
            model = XDocument.Load(stream);
        }

        model.Root!.Element(_dac + "Header")?.Remove();
        model.Root.AddFirst(new XElement(_header));
        var modelBytes = Serialize(model);
        Replace(zip, "model.xml", modelBytes);
        Replace(zip, "predeploy.sql", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(pre)).ToArray());
        Replace(zip, "postdeploy.sql", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(post)).ToArray());

        XDocument origin;
        using (var stream = zip.GetEntry("Origin.xml")!.Open())
        {
            origin = XDocument.Load(stream);
        }

        var checksum = origin.Descendants(_dac + "Checksum").Single(c => (string?)c.Attribute("Uri") == "/model.xml");
        checksum.Value = Convert.ToHexString(SHA256.HashData(modelBytes));
        Replace(zip, "Origin.xml", Serialize(origin));
    }

    private static byte[] Serialize(XDocument document)
    {
        using var stream = new MemoryStream();
        using (var writer = System.Xml.XmlWriter.Create(stream, new System.Xml.XmlWriterSettings { Encoding = new UTF8Encoding(true), Indent = true }))
        {
            document.Save(writer);
        }

        return stream.ToArray();
    }

    private static void Replace(ZipArchive zip, string name, byte[] content)
    {
        zip.GetEntry(name)?.Delete();
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(content);
    }
}
