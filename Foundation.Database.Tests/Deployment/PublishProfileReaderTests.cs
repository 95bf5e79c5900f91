using Foundation.Database.Tests.Infrastructure;
using Foundation.Deploy;
using Foundation.Deploy.Profiles;

namespace Foundation.Database.Tests.Deployment;

public sealed class PublishProfileReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("foundation-profiles-").FullName;

    private static string Profiles => Path.Combine(RepositoryPaths.DatabaseProjectDirectory, "Profiles");

    [Theory]
    [InlineData("Local", true)]
    [InlineData("Production", false)]
    public void Read_GivesTheDeployOptionsAndVariables_OfTheRepositoryProfiles(string name, bool dropsObjectsNotInSource)
    {
        var profile = PublishProfileReader.Read(PublishProfileReader.Resolve(name, Profiles));

        Assert.Equal(name, profile.Name);
        Assert.Equal("Foundation", profile.TargetDatabaseName);
        Assert.True(profile.DeployOptions.BlockOnPossibleDataLoss);
        Assert.Equal(dropsObjectsNotInSource, profile.DeployOptions.DropObjectsNotInSource);
        Assert.Null(profile.TargetConnectionString);
        Assert.Equal("False", profile.SqlCmdVariables[SqlCmdVariables.Names.DeploymentLockHeld]);
        Assert.Equal("Deploy", profile.SqlCmdVariables[SqlCmdVariables.Names.DeploymentDirection]);
    }

    [Fact]
    public void RepositoryProfiles_SetEveryVariableTheProjectDeclares()
    {
        var declared = System.Xml.Linq.XDocument.Load(RepositoryPaths.DatabaseProjectFile).Descendants("SqlCmdVariable")
            .Select(e => (string)e.Attribute("Include")!).ToList();

        Assert.NotEmpty(declared);
        foreach (var file in Directory.EnumerateFiles(Profiles, "*.publish.xml"))
        {
            var profile = PublishProfileReader.Read(file);
            Assert.All(declared, name => Assert.True(profile.SqlCmdVariables.ContainsKey(name), $"{Path.GetFileName(file)} does not set {name}"));
        }
    }

    [Fact]
    public void Resolve_ListsTheKnownProfiles_WhenTheProfileIsUnknown()
    {
        var ex = Assert.Throws<DeployToolException>(() => PublishProfileReader.Resolve("Staging", Profiles));

        Assert.Equal(ExitCode.InvalidInput, ex.ExitCode);
        Assert.Contains("Unknown publish profile 'Staging'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Local", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesAProfile_WhenItCarriesAPassword()
    {
        var path = WriteProfile("<TargetConnectionString>Server=db;User ID=sa;Password=secret;Encrypt=True</TargetConnectionString>");

        var ex = Assert.Throws<DeployToolException>(() => PublishProfileReader.Read(path));

        Assert.Contains("contains a password", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesTheFile_WhenTheXmlIsMalformed()
    {
        var path = Path.Combine(_directory, "Broken.publish.xml");
        File.WriteAllText(path, "<Project><PropertyGroup>");

        var ex = Assert.Throws<DeployToolException>(() => PublishProfileReader.Read(path));

        Assert.Equal(ExitCode.InvalidInput, ex.ExitCode);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseAssignments_ReadsNameValue_AndRejectsMalformedOnes()
    {
        var parsed = SqlCmdVariables.ParseAssignments(["ReleaseVersion=1.2.3", "Empty=", "WithEquals=a=b"]);

        Assert.Equal("1.2.3", parsed["ReleaseVersion"]);
        Assert.Equal(string.Empty, parsed["Empty"]);
        Assert.Equal("a=b", parsed["WithEquals"]);
        Assert.Contains("'=oops'", Assert.Throws<DeployToolException>(() => SqlCmdVariables.ParseAssignments(["=oops"])).Message, StringComparison.Ordinal);
        Assert.Contains("given twice", Assert.Throws<DeployToolException>(() => SqlCmdVariables.ParseAssignments(["A=1", "a=2"])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Variables_AreLayered_DeclaredThenProfileThenCommandLine()
    {
        var variables = new SqlCmdVariables()
            .Set(new Dictionary<string, string> { ["A"] = "declared", ["B"] = "declared" }, "declared")
            .Set(new Dictionary<string, string> { ["B"] = "profile" }, "profile")
            .Set(SqlCmdVariables.ParseAssignments(["b=cli"]), "command line");

        Assert.Equal(("declared", "cli"), (variables.Values["A"], variables.Values["B"]));
        Assert.Equal("command line", variables.Sources["B"]);
        Assert.Contains("C", Assert.Throws<DeployToolException>(() => variables.EnsureDeclaredHaveValues(["A", "C"], "x.dacpac")).Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteProfile(string properties)
    {
        var path = Path.Combine(_directory, "Test.publish.xml");
        File.WriteAllText(path, $"<?xml version=\"1.0\"?><Project ToolsVersion=\"Current\" xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\"><PropertyGroup>{properties}</PropertyGroup></Project>");
        return path;
    }
}
