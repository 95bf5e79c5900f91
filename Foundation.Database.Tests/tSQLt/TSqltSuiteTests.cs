using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// The tSQLt suite checked without a server: every file parses, every test fits the schema and tSQLt's API (one DacFx
/// model with the schema, and the rules of <see cref="TSqltModelValidator"/>), every class folder holds a class made with
/// tSQLt.NewTestClass with tests, and Install.sql deploys all of it.
/// </summary>
public sealed class TSqltSuiteTests
{
    [Fact]
    public void SuiteFiles_Parse_WithTheSqlServer2022Grammar()
    {
        var errors = TSqltTestCatalog.Suite.Files.SelectMany(file => file.DescribeErrors()).ToList();

        Assert.NotEmpty(TSqltTestCatalog.Suite.Files);
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public void Suite_FitsTheSchema_WhenBuiltIntoOneModelWithTheDatabaseProject()
    {
        var problems = TSqltModelValidator.Validate(DatabaseModelFiles.All, TSqltSuite.Files);

        Assert.True(problems.Count == 0, "The tSQLt tests do not fit the schema:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void EveryClassFolder_HoldsATestClassNamedAfterItWithTests()
    {
        var catalog = TSqltTestCatalog.Suite;
        var folders = Directory.EnumerateDirectories(TSqltSuite.Directory)
            .Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj" or TSqltSuite.SupportSchema))
            .OfType<string>()
            .ToList();

        Assert.NotEmpty(folders);
        Assert.DoesNotContain(TSqltSuite.SupportSchema, catalog.Classes);
        Assert.All(folders, folder =>
        {
            Assert.Contains(folder, catalog.Classes);
            Assert.EndsWith("Tests", folder, StringComparison.Ordinal);
            Assert.Contains(catalog.Tests, test => test.ClassName == folder);
        });
    }

    [Fact]
    public void EveryProcedure_LivesInItsClassFolder_AndTestNamesAreSentences()
    {
        var catalog = TSqltTestCatalog.Suite;

        Assert.All(catalog.Procedures, procedure =>
        {
            Assert.Equal(procedure.Schema, Path.GetFileName(Path.GetDirectoryName(procedure.File)));
            if (procedure.Schema == TSqltSuite.SupportSchema)
            {
                Assert.StartsWith("usp_", procedure.Name, StringComparison.Ordinal);
                return;
            }

            Assert.True(
                procedure.Name == "SetUp" || procedure.Name.StartsWith("test ", StringComparison.Ordinal),
                $"[{procedure.Schema}].[{procedure.Name}] is neither SetUp nor a test sentence beginning with 'test '.");
        });
        Assert.DoesNotContain(catalog.Tests.GroupBy(test => test.DisplayName, StringComparer.OrdinalIgnoreCase), group => group.Count() > 1);
    }

    [Fact]
    public void InstallManifest_IncludesEveryFileInOrder_AfterSettingTheSessionOptionsAndDroppingTheSupportSchema()
    {
        var included = SqlCmdScript.Includes(TSqltSuite.Manifest, TSqltSuite.ManifestVariables)
            .Select(path => Path.GetRelativePath(RepositoryPaths.Root, path))
            .ToList();
        var files = TSqltSuite.Files.Select(path => Path.GetRelativePath(RepositoryPaths.Root, path)).ToList();
        var manifest = File.ReadAllText(TSqltSuite.Manifest);
        var firstInclude = manifest.IndexOf(":r ", StringComparison.Ordinal);

        Assert.True(
            files.SequenceEqual(included),
            "Install.sql must include exactly these files, in this order:\n" + string.Join('\n', files.Select(file => $":r \"$(TestRoot)/{Path.GetRelativePath("Foundation.Database.Tests/tSQLt", file)}\"")));
        // The classes drop themselves (tSQLt.NewTestClass drops the class first); the support schema is no test class.
        Assert.InRange(manifest.IndexOf($"EXEC [tSQLt].[DropClass] @ClassName = N'{TSqltSuite.SupportSchema}';", StringComparison.Ordinal), 0, firstInclude);
        // Procedures keep the options they are created with; sqlcmd starts with QUOTED_IDENTIFIER OFF.
        Assert.InRange(manifest.IndexOf("SET QUOTED_IDENTIFIER ON;", StringComparison.Ordinal), 0, firstInclude);
        Assert.InRange(manifest.IndexOf("SET ANSI_NULLS ON;", StringComparison.Ordinal), 0, firstInclude);
    }

    [Fact]
    public void InstallManifest_ExpandsIntoBatchesThatCreateEveryTest()
    {
        var batches = SqlBatchSplitter.Split(SqlCmdScript.Expand(TSqltSuite.Manifest, TSqltSuite.ManifestVariables));

        Assert.All(TSqltTestCatalog.Suite.Tests, test =>
            Assert.Single(batches, batch => batch.Contains($"CREATE PROCEDURE {test.QuotedName}", StringComparison.Ordinal)));
    }
}
