using System.Text.Json;
using Foundation.Database.Tests.Infrastructure;
using Foundation.Deploy.Dacpacs;
using Foundation.Deploy.Planning;
using Foundation.Deploy.Profiles;
using Foundation.Deploy.Reporting;

namespace Foundation.Database.Tests.Deployment.Cli;

/// <summary>
/// What a reviewer reads: correct operation descriptions, alerts naming the column, the profile and its options at the
/// top, releases as they were released, JSON without escaped '+', Markdown that stays a table, unused allowances.
/// </summary>
public sealed class ReportPresentationTests(CliFixtures fixtures)
{
    [Fact]
    public void NotNullColumnWithoutADefault_IsDescribedAsSuch_AndItsAlertNamesTheColumn()
    {
        var report = Plan(fixtures.AddNotNullWithoutDefault, fixtures.Base);

        var alter = Assert.Single(report.Operations, o => o.ObjectName == "[App].[Items]");
        Assert.Contains("Priority without a default: fails if the table holds any row", alter.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("with a default", alter.Reason, StringComparison.Ordinal);
        var alert = Assert.Single(report.DataLoss);
        Assert.Equal("[App].[Items].[Priority]", alert.ObjectName);
    }

    [Fact]
    public void NotNullColumnWithADefault_IsDescribedWithTheDefault()
    {
        var report = Plan(fixtures.AddNotNullWithDefault, fixtures.Base);

        var alter = Assert.Single(report.Operations, o => o.ObjectName == "[App].[Items]");
        Assert.Contains("Priority with a default", alter.Reason, StringComparison.Ordinal);
        Assert.Empty(report.DataLoss);
    }

    [Fact]
    public void NotNullColumnWithSmartDefaults_CountsTheGeneratedDefault()
    {
        var report = Plan(fixtures.AddNotNullWithoutDefault, fixtures.Base, request => request.Options.GenerateSmartDefaults = true);

        Assert.Contains("Priority with a default", Assert.Single(report.Operations).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_NamesTheProfileAndItsKeyOptions_AtTheTop()
    {
        var profile = PublishProfileReader.Read(Path.Combine(RepositoryPaths.DatabaseProjectDirectory, "Profiles", "Production.publish.xml"));
        var report = Plan(fixtures.DropColumn, fixtures.Base, request => { }, profile);

        var markdown = MarkdownReportWriter.Write(report);
        var header = markdown[..markdown.IndexOf("## Verdict", StringComparison.Ordinal)];

        Assert.Contains("| Profile | `Production` |", header, StringComparison.Ordinal);
        Assert.Contains("BlockOnPossibleDataLoss=True, DropObjectsNotInSource=False", header, StringComparison.Ordinal);
        Assert.Equal("Production", JsonDocument.Parse(JsonReportWriter.Write(report)).RootElement.GetProperty("profile").GetProperty("name").GetString());
    }

    [Fact]
    public void Versions_AreShownAsReleased()
    {
        var baseline = ArtifactStore.LatestBaseline(Path.Combine(RepositoryPaths.Root, ArtifactStore.BaselinesRelativePath))!;
        using var dacpac = DacpacFile.Open(baseline);

        Assert.Equal(BaselineStore.ReadVersion(baseline), dacpac.ReleaseVersion);
        Assert.Equal("1.0.0", ReleaseVersion.Display(new Version(1, 0, 0, 0)));
        Assert.Equal("2.1.0", ReleaseVersion.Display(new Version(2, 1, 0, 0)));
        Assert.Equal("2.1.0.7", ReleaseVersion.Display(new Version(2, 1, 0, 7)));
        Assert.Equal("1.0.0", Plan(fixtures.Base, fixtures.Base).Source.Version);
    }

    [Fact]
    public void Json_WritesPlusSignsAndNonAsciiAsThemselves()
    {
        var allowances = new DeploymentAllowances().AllowDataLoss("[App].[Items].[Note]", "C++ team: café + crème");
        var report = Plan(fixtures.DropColumn, fixtures.Base, request => { }, allowances: allowances);

        var json = JsonReportWriter.Write(report);

        Assert.Contains("C++ team: café + crème", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u002B", json, StringComparison.Ordinal);
        Assert.Equal("C++ team: café + crème", JsonDocument.Parse(json).RootElement.GetProperty("dataLoss")[0].GetProperty("allowedBy").GetString());
    }

    [Fact]
    public void Markdown_KeepsEveryTableRowIntact_WhatEverTheTextHolds()
    {
        var hostile = "reason | with pipe\n# heading\n`tick` <b>bold</b> [x](http://example.com)";
        var allowances = new DeploymentAllowances().AllowDataLoss("[App].[Items].[Note]", hostile);
        var report = Plan(fixtures.DropColumn, fixtures.Base, request => { }, allowances: allowances);

        var markdown = MarkdownReportWriter.Write(report);
        var row = Assert.Single(markdown.Split('\n'), line => line.StartsWith("| 1 | ", StringComparison.Ordinal));

        Assert.Equal(5, UnescapedPipes(row)); // | # | Object | Allowed | DacFx says |
        Assert.DoesNotContain("\n# heading", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", markdown.Replace("\\<b>", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void UnusedAllowance_IsReportedInThePlan_AndRefusedByTheGates()
    {
        var allowances = new DeploymentAllowances()
            .AllowDataLoss("[App].[Items].[Note]", "used")
            .AllowDataLoss("[App].[Items].[Nmae]", "typo")
            .AllowRebuild("[App].[Orders]", "stale");

        var report = Plan(fixtures.DropColumn, fixtures.Base, request => { }, allowances: allowances);

        Assert.Equal(["[App].[Items].[Nmae]", "[App].[Orders]"], report.UnusedAllowances.Select(a => a.ObjectName));
        Assert.Contains(report.GateRefusals, r => r.Contains("[App].[Items].[Nmae] (typo) matches nothing in this plan", StringComparison.Ordinal));
        Assert.Contains("2 allowance(s) match nothing in this plan.", report.ReviewReasons);
        Assert.Contains("## Unused allowances (2)", MarkdownReportWriter.Write(report), StringComparison.Ordinal);
    }

    [Fact]
    public void UnusedAllowance_IsReportedButNotRefused_InARollback()
    {
        // The allowances file holds the forward release's entries; a rollback never matches them and must not be
        // refused for it (it is needed exactly when the forward release failed).
        var allowances = new DeploymentAllowances().AllowDataLoss("[App].[Items].[Note]", "the forward release drops it");
        using var s = DacpacFile.Open(fixtures.Base);
        using var t = DacpacFile.Open(fixtures.DropColumn);

        var report = DeploymentPlanner.Plan(s, t, PlanRequest.Default(DeploymentDirection.Rollback) with { Allowances = allowances }).Report;

        Assert.Equal(["[App].[Items].[Note]"], report.UnusedAllowances.Select(a => a.ObjectName));
        Assert.Contains("1 allowance(s) match nothing in this plan.", report.ReviewReasons);
        Assert.DoesNotContain(report.GateRefusals, r => r.Contains("matches nothing", StringComparison.Ordinal));
    }

    [Fact]
    public void UsedAllowances_LeaveNothingUnused()
    {
        var report = Plan(fixtures.DropColumn, fixtures.Base, request => { }, allowances: new DeploymentAllowances().AllowDataLoss("[App].[Items].[Note]", "used"));

        Assert.Empty(report.UnusedAllowances);
        Assert.Empty(report.GateRefusals);
    }

    private static int UnescapedPipes(string row) => row.Where((c, i) => c == '|' && (i == 0 || row[i - 1] != '\\')).Count();

    private static DeploymentReport Plan(string source, string target, Action<PlanRequest>? configure = null, PublishProfile? profile = null, DeploymentAllowances? allowances = null)
    {
        using var s = DacpacFile.Open(source);
        using var t = DacpacFile.Open(target);
        var request = (profile is null ? PlanRequest.Default() : new PlanRequest(profile.DeployOptions, new Dictionary<string, string>(), DeploymentAllowances.None, DeploymentDirection.Deploy))
            with { Allowances = allowances ?? DeploymentAllowances.None, ProfileName = profile?.Name };
        configure?.Invoke(request);
        return DeploymentPlanner.Plan(s, t, request).Report;
    }
}
