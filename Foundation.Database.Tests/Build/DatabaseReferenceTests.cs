using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.Build;

/// <summary>
/// References between database projects resolve as in Microsoft.Build.Sql 2.x: a ProjectReference to another .sqlproj
/// (here Foundation.Database itself) and a PackageReference to a package that carries a dacpac, each as another
/// database named by a SQLCMD variable (and, for the package, another server).
/// </summary>
public sealed class DatabaseReferenceTests
{
    private const string TenantSlugsView = "CREATE VIEW [dbo].[TenantSlugs]\nAS\nSELECT [t].[TenantId], [t].[Slug] FROM [$(Foundation)].[Tenancy].[Tenants] AS [t];\n";

    [Fact]
    public async Task Build_ResolvesFoundationObjects_ThroughAProjectReferenceWithADatabaseVariable()
    {
        // Arrange: Foundation.Database is already built (the test project references it); --no-dependencies keeps it untouched.
        using var project = new ScratchSqlProject("TenantReports", $"""
              <PropertyGroup>
                <TreatTSqlWarningsAsErrors>true</TreatTSqlWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{RepositoryPaths.DatabaseProjectFile}" DatabaseSqlCmdVariable="Foundation" SetConfiguration="Configuration={Configuration}" />
                <SqlCmdVariable Include="Foundation"><DefaultValue>Foundation</DefaultValue><Value>$(SqlCmdVar__1)</Value></SqlCmdVariable>
              </ItemGroup>
            """);
        project.AddFile("dbo/Views/TenantSlugs.sql", TenantSlugsView);

        // Act
        var result = await project.BuildAsync(TestContext.Current.CancellationToken, "-p:RestoreRecursive=false");

        // Assert
        Assert.True(result.Succeeded, result.Output);
        var model = project.ReadDacpacEntry("model.xml")!;
        Assert.Contains("<Metadata Name=\"LogicalName\" Value=\"Foundation.Database.dacpac\" />", model, StringComparison.Ordinal);
        Assert.Contains("<Metadata Name=\"ExternalParts\" Value=\"[$(Foundation)]\" />", model, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_FailsOnTheUnresolvedObject_WithoutTheReference()
    {
        // Arrange: the same view, no reference (what the reference above is shown to resolve).
        using var project = new ScratchSqlProject("TenantReports", """
              <PropertyGroup>
                <TreatTSqlWarningsAsErrors>true</TreatTSqlWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <SqlCmdVariable Include="Foundation"><DefaultValue>Foundation</DefaultValue><Value>$(SqlCmdVar__1)</Value></SqlCmdVariable>
              </ItemGroup>
            """);
        project.AddFile("dbo/Views/TenantSlugs.sql", TenantSlugsView);

        // Act
        var result = await project.BuildAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.False(result.Succeeded, result.Output);
        Assert.Matches(@"TenantSlugs\.sql\(3,\d+\): Build error SQL715\d\d: .*\[Tenancy\]\.\[Tenants\]", result.Output);
    }

    [Fact]
    public async Task Build_ResolvesAPackageReferenceToADacpacPackage_WithServerAndDatabaseVariables()
    {
        // Arrange: a catalogue project packed into a folder feed under a version of its own, then a project that uses it.
        var version = $"1.0.0-test.{Guid.NewGuid():N}";
        using var catalogue = new ScratchSqlProject("Foundation.Scratch.Catalogue");
        catalogue.AddFile("Catalogue/Catalogue.sql", "CREATE SCHEMA [Catalogue];\n");
        catalogue.AddFile("Catalogue/Tables/Products.sql",
            "CREATE TABLE [Catalogue].[Products] ([ProductId] INT NOT NULL, [Name] NVARCHAR(100) NOT NULL, CONSTRAINT [PK_Catalogue_Products] PRIMARY KEY ([ProductId]));\n");
        var feed = Directory.CreateDirectory(Path.Combine(catalogue.Root, "feed")).FullName;
        File.WriteAllText(Path.Combine(catalogue.Root, "nuget.config"), """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><add key="scratch" value="feed" /></packageSources></configuration>
            """);
        using var orders = new ScratchSqlProject("Orders", $"""
              <PropertyGroup>
                <TreatTSqlWarningsAsErrors>true</TreatTSqlWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Foundation.Scratch.Catalogue" Version="{version}" DatabaseSqlCmdVariable="CatalogueDatabase" ServerSqlCmdVariable="CatalogueServer" />
                <SqlCmdVariable Include="CatalogueDatabase"><DefaultValue>Catalogue</DefaultValue><Value>$(SqlCmdVar__1)</Value></SqlCmdVariable>
                <SqlCmdVariable Include="CatalogueServer"><DefaultValue>catalogue-server</DefaultValue><Value>$(SqlCmdVar__2)</Value></SqlCmdVariable>
              </ItemGroup>
            """, catalogue.Root);
        orders.AddFile("dbo/Views/ProductNames.sql",
            "CREATE VIEW [dbo].[ProductNames]\nAS\nSELECT [p].[ProductId], [p].[Name] FROM [$(CatalogueServer)].[$(CatalogueDatabase)].[Catalogue].[Products] AS [p];\n");
        var token = TestContext.Current.CancellationToken;

        try
        {
            // Act
            var pack = await catalogue.RunAsync("pack", token, "-o", feed, $"-p:PackageVersion={version}");
            var result = await orders.BuildAsync(token);

            // Assert
            Assert.True(pack.Succeeded, pack.Output);
            Assert.True(result.Succeeded, result.Output);
            var model = orders.ReadDacpacEntry("model.xml")!;
            Assert.Contains("<Metadata Name=\"LogicalName\" Value=\"Foundation.Scratch.Catalogue.dacpac\" />", model, StringComparison.Ordinal);
            Assert.Contains("<Metadata Name=\"ExternalParts\" Value=\"[$(CatalogueServer)].[$(CatalogueDatabase)]\" />", model, StringComparison.Ordinal);
        }
        finally
        {
            // The restore put this run's package into the NuGet cache; it is ours alone, so it goes.
            DeleteFromNuGetCache("foundation.scratch.catalogue", version);
        }
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static void DeleteFromNuGetCache(string id, string version)
    {
        var folder = Path.Combine(NuGetPackageFolder.Root, id, version);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
