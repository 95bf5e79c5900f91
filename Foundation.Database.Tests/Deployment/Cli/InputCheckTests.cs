using Foundation.Database.Tests.Infrastructure;
using Foundation.Deploy;
using Foundation.Deploy.Connections;
using Foundation.Deploy.Dacpacs;
using Foundation.Deploy.Planning;
using Foundation.Deploy.Profiles;
using Microsoft.SqlServer.Dac;

namespace Foundation.Database.Tests.Deployment.Cli;

/// <summary>The checks behind "typos are errors" and "safe inputs", each shown to refuse a broken input and accept the real ones.</summary>
public sealed class InputCheckTests : IDisposable
{
    private readonly CliRun _scratch = new();

    [Fact]
    public void RepositoryProfiles_UseOnlyPropertiesDacFxReads()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.DatabaseProjectDirectory, "Profiles"), "*.publish.xml"))
        {
            var profile = PublishProfileReader.Read(file);
            Assert.Contains(ObjectType.Users, profile.DeployOptions.DoNotDropObjectTypes ?? []);
        }
    }

    [Fact]
    public void ProfileOptionNames_AreDacFxs_IncludingThePerTypeSwitches()
    {
        Assert.True(DeployOptionNames.IsValid("BlockOnPossibleDataLoss"));
        Assert.True(DeployOptionNames.IsValid("blockonpossibledataloss"));
        Assert.True(DeployOptionNames.IsValid("DoNotDropUsers"));
        Assert.True(DeployOptionNames.IsValid("ExcludeLogins"));
        Assert.True(DeployOptionNames.IsValid("TargetDatabaseName"));
        Assert.False(DeployOptionNames.IsValid("BlockOnPosibleDataLoss"));

        // DacFx 170.5.96's loader ignores these: a profile setting one would not do what it says.
        Assert.Superset(new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "CommandTimeout", "LongRunningCommandTimeout", "DatabaseLockTimeout" }, DeployOptionNames.NotReadByDacProfile.ToHashSet(StringComparer.OrdinalIgnoreCase));
        Assert.DoesNotContain("BlockOnPossibleDataLoss", DeployOptionNames.NotReadByDacProfile);
    }

    [Theory]
    [InlineData("<BlockOnPosibleDataLoss>False</BlockOnPosibleDataLoss>", "BlockOnPosibleDataLoss (line 3) is not a DacFx deploy option. Did you mean 'BlockOnPossibleDataLoss'?")]
    [InlineData("<DropObjectNotInSource>True</DropObjectNotInSource>", "Did you mean 'DropObjectsNotInSource'?")]
    [InlineData("<DoNotDropUser>True</DoNotDropUser>", "Did you mean 'DoNotDropUsers'?")]
    [InlineData("<DatabaseLockTimeout>30</DatabaseLockTimeout>", "DatabaseLockTimeout (line 3) is a deploy option that DacFx's profile loader does not read")]
    public void Profile_WithAPropertyDacFxWouldIgnore_IsRefusedNamingIt(string property, string expected)
    {
        var path = _scratch.Write("Typo.publish.xml", $"<?xml version=\"1.0\"?>\n<Project xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\"><PropertyGroup>\n{property}\n</PropertyGroup></Project>");

        var ex = Assert.Throws<DeployToolException>(() => PublishProfileReader.Read(path));

        Assert.Equal(ExitCode.InvalidInput, ex.ExitCode);
        Assert.StartsWith($"The publish profile '{path}' has 1 property(ies) DacFx would ignore", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allowances_WithCommentKeys_AreRead_AndUnknownKeysAreNot()
    {
        var good = _scratch.Write("good.json", """{ "//": "comment", "$schema": "x", "dataLoss": [ { "object": "[A].[B].[C]", "reason": "r", "//": "note" } ], "tableRebuilds": [] }""");
        Assert.Equal("[A].[B].[C]", Assert.Single(new DeploymentAllowances().AddFile(good).Entries).ObjectName);

        foreach (var (json, expected) in new[]
        {
            ("""{ "DataLoss": [] }""", "unknown key 'DataLoss'"),
            ("""{ "dataLoss": {} }""", "'dataLoss' must be an array"),
            ("""{ "dataLoss": [ "[A].[B]" ] }""", "dataLoss[0] must be an object"),
            ("""{ "dataLoss": [ { "object": "[A].[B]", "reason": 5 } ] }""", "dataLoss[0].reason must be a string"),
            ("""{ "tableRebuilds": [ { "object": "[A].[B].[C]", "reason": "r" } ] }""", "does not name one object: expected [Schema].[Table]."),
            ("""[ ]""", "it must be a JSON object"),
        })
        {
            var path = _scratch.Write("bad.json", json);
            var ex = Assert.Throws<DeployToolException>(() => new DeploymentAllowances().AddFile(path));
            Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Allowances_ThatMatchNothing_AreUnused_NamesComparedAsDacFxWritesThem()
    {
        var allowances = new DeploymentAllowances().AllowDataLoss("identity.users.email", "a").AllowDataLoss("[Identity].[Users].[Phone]", "b").AllowRebuild("[Identity].[Roles]", "c");

        var unused = DeploymentAllowances.Unused(allowances.Entries, ["[Identity].[Users].[Email]"], ["[Identity].[Users]"]);

        Assert.Equal(["[Identity].[Users].[Phone]", "[Identity].[Roles]"], unused.Select(u => u.ObjectName));
    }

    [Fact]
    public void Variables_NotDeclared_AreRefused_WithTheDeclaredOnesAndTheClosest()
    {
        var declared = new Dictionary<string, string> { ["ReleaseVersion"] = string.Empty, ["DeploymentId"] = string.Empty };

        SqlCmdVariables.EnsureDeclared(["releaseversion"], declared, "-v", "x.dacpac");
        var ex = Assert.Throws<DeployToolException>(() => SqlCmdVariables.EnsureDeclared(["RelaseVersion"], declared, "-v", "x.dacpac"));

        Assert.Contains("RelaseVersion (-v) are not declared by the dacpac 'x.dacpac': it declares DeploymentId, ReleaseVersion. Did you mean 'ReleaseVersion'?", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Variables_SetOnlyByTheDacpacsEmptyDeclaration_CountAsUnset()
    {
        var variables = new SqlCmdVariables().Set(new Dictionary<string, string> { ["Environment"] = string.Empty, ["Region"] = string.Empty }, SqlCmdVariables.DeclaredSource).Set("Region", "eu", "profile");

        var ex = Assert.Throws<DeployToolException>(() => variables.EnsureDeclaredHaveValues(["Environment", "Region"], "x.dacpac"));

        Assert.Contains("nobody set: Environment.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["Environment"], SqlCmdVariables.FindUnset(["Environment", "Region", "ReleaseVersion"], ["Region"], []));
        Assert.Empty(SqlCmdVariables.FindUnset(["Environment"], [], ["environment"]));
    }

    [Theory]
    [InlineData("1.0.0", true, true)]
    [InlineData("1.2.0-rc.1+build.5", true, true)]
    [InlineData("20250101.1", false, true)]
    [InlineData("1.0", false, true)]
    [InlineData("1.2.3-x/../../etc", false, false)]
    [InlineData("..", false, false)]
    [InlineData(@"1.0.0\x", false, false)]
    [InlineData("01.0.0", false, true)]
    [InlineData("", false, false)]
    public void ReleaseVersions_NeverHoldAPath(string text, bool semantic, bool lookup)
    {
        Assert.Equal((semantic, lookup), (ReleaseVersion.IsSemantic(text), ReleaseVersion.IsLookup(text)));
    }

    [Fact]
    public void Baseline_RefusesAVersionThatIsAPath_BeforeTouchingAnything()
    {
        var baselines = _scratch.Path("baselines");

        var ex = Assert.Throws<DeployToolException>(() => BaselineStore.Create(RepositoryPaths.Dacpac, "1.0.0-x/../../escaped", baselines, _scratch.Path("migrations"), overwrite: false));

        Assert.Contains("is not a semantic version", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(baselines));
        Assert.False(Directory.Exists(_scratch.Path("escaped")));
    }

    [Theory]
    [InlineData("BlockOnPosibleDataLoss", "BlockOnPossibleDataLoss")]
    [InlineData("tableRebuild", "tableRebuilds")]
    [InlineData("Zzzzzzzzzz", null)]
    public void NameSuggestion_OffersOnlyAPlausibleTypo(string typed, string? expected)
    {
        Assert.Equal(expected, NameSuggestion.Closest(typed, ["BlockOnPossibleDataLoss", "tableRebuilds", "dataLoss"]));
    }

    [Fact]
    public void ReadRetry_RetriesOnlyTransientErrors_ThreeTimes()
    {
        var provider = ReadRetryPolicy.Create();

        Assert.Equal(ReadRetryPolicy.NumberOfTries, provider.RetryLogic.NumberOfTries);
        Assert.Equal(3, ReadRetryPolicy.NumberOfTries);
        Assert.Contains(1205, ReadRetryPolicy.TransientErrors);
        Assert.Contains(-2, ReadRetryPolicy.TransientErrors);
        Assert.DoesNotContain(2812, ReadRetryPolicy.TransientErrors);
        Assert.DoesNotContain(4060, ReadRetryPolicy.TransientErrors);
        Assert.False(provider.RetryLogic.TransientPredicate(new InvalidOperationException("not a SqlException")));
    }

    public void Dispose() => _scratch.Dispose();
}
