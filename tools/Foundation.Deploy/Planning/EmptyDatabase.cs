using Microsoft.SqlServer.Dac;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Deploy.Planning;

/// <summary>
/// The model of an empty database, as a package, for planning a first deployment. The tool creates a missing database
/// empty before it plans (<c>Publishing.DatabaseCreator</c>), so comparing with an empty model is comparing with what
/// will be there; <c>plan --live</c> for a database that does not exist yet makes the same plan, and the same hash.
/// </summary>
public static class EmptyDatabase
{
    private static readonly Lazy<DacPackage> _package = new(Build);

    public static DacPackage Package => _package.Value;

    private static DacPackage Build()
    {
        var path = Path.Combine(Path.GetTempPath(), $"foundation-empty-{Guid.NewGuid():N}.dacpac");
        using (var model = new TSqlModel(SqlServerVersion.Sql160, new TSqlModelOptions()))
        {
            DacPackageExtensions.BuildPackage(path, model, new PackageMetadata { Name = "Empty", Version = "0.0.0.0" });
        }

        // Loaded into memory, so the file can go at once.
        var package = DacPackage.Load(path, DacSchemaModelStorageType.Memory, FileAccess.Read);
        File.Delete(path);
        return package;
    }
}
