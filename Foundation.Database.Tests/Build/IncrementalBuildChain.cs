using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.Build;

/// <summary>
/// One scratch project built again and again, one change at a time, so that every rebuild trigger of the glue has its own
/// step (and test) without a clean build each: a change, a `dotnet build`, what MSBuild and the dacpac say.
/// Property changes accumulate (each step adds one), so a step's rebuild is owed to its own change alone. The steps
/// run once, in order, when the test class starts; each test reads its step.
/// </summary>
public sealed class IncrementalBuildChain : IAsyncLifetime
{
    public const string Delete = "delete a model file";
    public const string Rename = "rename a model file";
    public const string AddOld = "add a model file with an old timestamp";
    public const string DeployScript = "edit the post-deployment script";
    public const string Include = "edit a :r include";
    public const string ProjectFile = "change the .sqlproj";
    public const string Import = "change an imported props file";
    public const string Dsp = "change DSP on the command line";
    public const string Collation = "change the collation on the command line";
    public const string DacVersion = "change DacVersion on the command line";
    public const string SqlCmd = "change a SQLCMD variable's value on the command line";
    public const string DacFx = "change the DacFx version";
    public const string UnrelatedFile = "touch a file that is no input";
    public const string UnrelatedProperty = "set a property the build does not read";
    public const string Nothing = "change nothing";

    private static readonly string[] _entries = ["model.xml", "DacMetadata.xml", "postdeploy.sql"];
    private readonly ScratchSqlProject _project = new("Chain", Body("First description"));
    private readonly Dictionary<string, ChainStep> _steps = [];
    private readonly List<string> _arguments = ["--no-restore"];

    public BuildResult Initial { get; private set; } = new(-1, "not run");

    public ScratchSqlProject Project => _project;

    public ChainStep this[string step] => _steps.TryGetValue(step, out var result)
        ? result
        : throw new InvalidOperationException($"Step '{step}' did not run: the initial build failed.{Environment.NewLine}{Initial.Output}");

    public async ValueTask InitializeAsync()
    {
        var token = TestContext.Current.CancellationToken;
        _project.AddFile("dbo/Tables/Kept.sql", Table("Kept"));
        _project.AddFile("dbo/Tables/Doomed.sql", Table("Doomed"));
        _project.AddFile("dbo/Tables/Moved.sql", Table("Moved"));
        _project.AddFile("Scripts/Script.PostDeployment.sql", "PRINT N'post-deployment';\n:r .\\Seed.sql\n");
        _project.AddFile("Scripts/Seed.sql", "PRINT N'seed, first version';\n");
        Initial = await _project.BuildAsync(token);
        if (!Initial.Succeeded)
        {
            return;
        }

        await StepAsync(Delete, () => File.Delete(_project.PathOf("dbo/Tables/Doomed.sql")));
        await StepAsync(Rename, () => File.Move(_project.PathOf("dbo/Tables/Moved.sql"), _project.PathOf("dbo/Tables/MovedAgain.sql")));
        await StepAsync(AddOld, () =>
        {
            var path = _project.AddFile("dbo/Tables/Late.sql", Table("Late"));
            File.SetLastWriteTimeUtc(path, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        });
        await StepAsync(DeployScript, () => File.AppendAllText(_project.PathOf("Scripts/Script.PostDeployment.sql"), "PRINT N'edited post-deployment';\n"));
        await StepAsync(Include, () => File.WriteAllText(_project.PathOf("Scripts/Seed.sql"), "PRINT N'seed, second version';\n"));
        await StepAsync(ProjectFile, () => _project.WriteProject(Body("Second description")));
        await StepAsync(Import, () => File.WriteAllText(
            Path.Combine(_project.Root, "Directory.Build.props"),
            "<Project><PropertyGroup><DacApplicationName>ImportedName</DacApplicationName></PropertyGroup></Project>\n"));
        await StepAsync(Dsp, () => _arguments.Add("-p:DSP=Microsoft.Data.Tools.Schema.Sql.Sql150DatabaseSchemaProvider"));
        await StepAsync(Collation, () => _arguments.Add("-p:ModelCollation=\"1033, CS\""));
        await StepAsync(DacVersion, () => _arguments.Add("-p:DacVersion=2.3.4.5"));
        await StepAsync(SqlCmd, () => _arguments.Add("-p:SqlCmdVar__1=changed"));
        var renamedDacFx = await SameDacFxUnderAnotherVersionAsync();
        await StepAsync(DacFx, () => _arguments.AddRange(renamedDacFx));
        await StepAsync(UnrelatedFile, () =>
        {
            File.WriteAllText(_project.PathOf("README.md"), "Not part of the build.\n");
            File.WriteAllText(_project.PathOf("notes.txt"), "Nor this.\n");
        });
        await StepAsync(UnrelatedProperty, () => _arguments.Add("-p:SomethingNoTargetReads=1"));
        await StepAsync(Nothing, () => { });
    }

    public ValueTask DisposeAsync()
    {
        _project.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task StepAsync(string name, Action change)
    {
        var before = File.GetLastWriteTimeUtc(_project.Dacpac);
        change();
        var build = await _project.BuildAsync(TestContext.Current.CancellationToken, [.. _arguments]);
        _steps[name] = new ChainStep(
            name,
            build,
            Rebuilt: !build.Skipped("SqlBuild") && File.GetLastWriteTimeUtc(_project.Dacpac) > before,
            Entries: _entries.ToDictionary(e => e, e => _project.ReadDacpacEntry(e) ?? ""));
    }

    /// <summary>
    /// This machine has one DacFx version, so the step renames it: the same package and task folder, announced as another
    /// version. The build must not care that the bits are the same; whether the version's folders are found is
    /// IncrementalBuildTests.DacFxVersion_SelectsTheTargetsAndTheTaskFolder.
    /// </summary>
    private async Task<string[]> SameDacFxUnderAnotherVersionAsync()
    {
        var evaluation = await DotnetCommand.RunAsync(
            _project.Directory,
            ["msbuild", _project.ProjectFile, "-getProperty:FoundationDacFxPackageDirectory", "-getProperty:NETCoreTargetsPath"],
            TestContext.Current.CancellationToken);
        var properties = System.Text.Json.JsonDocument.Parse(evaluation.Output).RootElement.GetProperty("Properties");
        return
        [
            "-p:FoundationDacFxVersion=170.5.96-renamed",
            $"-p:FoundationDacFxPackageDirectory={properties.GetProperty("FoundationDacFxPackageDirectory").GetString()}",
            $"-p:NETCoreTargetsPath={properties.GetProperty("NETCoreTargetsPath").GetString()}",
        ];
    }

    private static string Body(string description) => $"""
          <PropertyGroup>
            <TreatTSqlWarningsAsErrors>true</TreatTSqlWarningsAsErrors>
            <DacDescription>{description}</DacDescription>
          </PropertyGroup>
          <ItemGroup>
            <PostDeploy Include="Scripts/Script.PostDeployment.sql" />
            <SqlCmdVariable Include="Release"><DefaultValue>local</DefaultValue><Value>$(SqlCmdVar__1)</Value></SqlCmdVariable>
          </ItemGroup>
        """;

    private static string Table(string name) =>
        $"CREATE TABLE [dbo].[{name}] ([{name}Id] INT NOT NULL, CONSTRAINT [PK_dbo_{name}] PRIMARY KEY ([{name}Id]));\n";
}

/// <summary>One step of the chain: the build after the change, whether the model build ran, and the dacpac entries it left.</summary>
public sealed record ChainStep(string Name, BuildResult Build, bool Rebuilt, IReadOnlyDictionary<string, string> Entries);
