using System.IO.Compression;
using System.Xml.Linq;
using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.Build;

/// <summary>`dotnet publish` and `dotnet pack` of a database project behave as in Microsoft.Build.Sql 2.x.</summary>
public sealed class PackAndPublishTests
{
    private const string Table = "CREATE TABLE [dbo].[Good] ([GoodId] INT NOT NULL, CONSTRAINT [PK_dbo_Good] PRIMARY KEY ([GoodId]));\n";

    [Fact]
    public async Task Publish_CopiesTheDacpacAndNothingElse()
    {
        // Arrange
        using var project = new ScratchSqlProject();
        project.AddFile("dbo/Tables/Good.sql", Table);
        var publishDirectory = Path.Combine(project.Root, "publish");

        // Act
        var result = await project.RunAsync("publish", TestContext.Current.CancellationToken, "-o", publishDirectory);

        // Assert
        Assert.True(result.Succeeded, result.Output);
        var published = Directory.EnumerateFiles(publishDirectory, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        Assert.Equal(["Scratch.dacpac"], published);
        Assert.Contains("[dbo].[Good]", ScratchSqlProject.ReadEntry(Path.Combine(publishDirectory, "Scratch.dacpac"), "model.xml"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pack_PutsTheDacpacInToolsWithPackageTypeDacpac()
    {
        // Arrange
        using var project = new ScratchSqlProject();
        project.AddFile("dbo/Tables/Good.sql", Table);
        var feed = Path.Combine(project.Root, "feed");

        // Act
        var result = await project.RunAsync("pack", TestContext.Current.CancellationToken, "-o", feed, "-p:PackageVersion=2.0.1");

        // Assert
        Assert.True(result.Succeeded, result.Output);
        using var package = ZipFile.OpenRead(Path.Combine(feed, "Scratch.2.0.1.nupkg"));
        var entries = package.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("tools/Scratch.dacpac", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
        using var nuspec = package.GetEntry("Scratch.nuspec")!.Open();
        var packageTypes = XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => (string?)e.Attribute("name")).ToList();
        Assert.Equal(["DACPAC"], packageTypes);
    }
}
