using Microsoft.SqlServer.Dac;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Deployment.Fixtures;

/// <summary>Builds a dacpac from T-SQL snippets into a temporary folder (deleted on dispose), .</summary>
public sealed class FixtureDacpacs : IDisposable
{
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("foundation-deploy-tests-").FullName;

    public string Build(string name, IEnumerable<string> objects)
    {
        using var model = new TSqlModel(SqlServerVersion.Sql160, new TSqlModelOptions());
        foreach (var sql in objects)
        {
            model.AddObjects(sql);
        }

        var path = Path.Combine(_directory, name + ".dacpac");
        DacPackageExtensions.BuildPackage(path, model, new PackageMetadata { Name = "Fixture", Version = "1.0.0.0" });
        return path;
    }

    /// <summary>A file that has the .dacpac extension but is not a package.</summary>
    public string Corrupt(string name)
    {
        var path = Path.Combine(_directory, name + ".dacpac");
        File.WriteAllText(path, "this is not a zip package");
        return path;
    }

    public string Directory => _directory;

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
