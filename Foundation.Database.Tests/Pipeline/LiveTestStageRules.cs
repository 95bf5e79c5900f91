using static Foundation.Database.Tests.Pipeline.PipelineDocument;
using static Foundation.Database.Tests.Pipeline.PipelineModel;

namespace Foundation.Database.Tests.Pipeline;

/// <summary>
/// Where the live suite runs: never in Build (FOUNDATION_LIVE=off there), only in Verify, against the built artifact
/// (FOUNDATION_DACPAC = the downloaded foundation-dacpac), after a wait until the SQL Server service container takes a
/// login. Each method returns its violations.
/// </summary>
public sealed class LiveTestStageRules(PipelineModel model)
{
    public const string LiveSwitch = "FOUNDATION_LIVE";
    public const string DacpacUnderTest = "FOUNDATION_DACPAC";

    public IReadOnlyList<string> BuildIsOffline()
    {
        var violations = new List<string>();
        foreach (var (stage, job) in model.Jobs)
        {
            foreach (var step in StepsOf(job).Where(RunsTests))
            {
                var live = Text(Get(Get(step, "env"), LiveSwitch)) ?? Text(Get(Get(job, "variables"), LiveSwitch));
                var isBuild = Text(Get(stage, "stage")) == "Build";
                if (isBuild && live != "off")
                {
                    violations.Add($"{Describe(stage, job)} runs the tests without {LiveSwitch}=off: on a hosted agent (which has Docker) the live suite would start SQL Server there.");
                }
                else if (!isBuild && live == "off")
                {
                    violations.Add($"{Describe(stage, job)} switches the live tests off: they must run outside Build.");
                }
            }
        }

        if (!model.Jobs.Any(pair => Text(Get(pair.Stage, "stage")) == "Build" && StepsOf(pair.Job).Any(RunsTests)))
        {
            violations.Add("The Build stage runs no tests.");
        }

        return violations;
    }

    public IReadOnlyList<string> VerifyTestsTheBuiltArtifact()
    {
        var violations = new List<string>();
        var verify = model.Stage("Verify");
        var job = verify is null ? null : JobsOf(verify).FirstOrDefault(j => StepsOf(j).Any(RunsTests));
        if (job is null)
        {
            return ["The Verify stage runs no tests."];
        }

        var steps = StepsOf(job).ToList();
        var tests = steps.FindIndex(RunsTests);
        var dacpac = Text(Get(Get(steps[tests], "env"), DacpacUnderTest));
        var artifact = dacpac is null ? null : System.Text.RegularExpressions.Regex.Match(dacpac, @"^\$\(Pipeline\.Workspace\)/(?<artifact>[\w-]+)/[\w.]+\.dacpac$").Groups["artifact"].Value;
        if (string.IsNullOrEmpty(artifact) || !DownloadedArtifacts(job, tests).Contains(artifact))
        {
            violations.Add($"Verify's tests get {DacpacUnderTest}='{dacpac}', which is not the dacpac of an artifact downloaded before them: they would test a rebuild.");
        }

        if (Get(job, "services") is null)
        {
            violations.Add("Verify's test job has no SQL Server service container.");
        }

        var wait = steps.FindIndex(step => Script(step) is { } s && s.Contains("sqlcmd", StringComparison.Ordinal) && s.Contains("localhost", StringComparison.Ordinal)
            && (s.Contains("for ", StringComparison.Ordinal) || s.Contains("until ", StringComparison.Ordinal)));
        if (wait < 0 || wait > tests)
        {
            violations.Add("Verify does not wait, before its tests, until the SQL Server container accepts a login (the image has no HEALTHCHECK).");
        }

        return violations;
    }

    private static bool RunsTests(IDictionary<object, object> step) =>
        Script(step)?.Contains("dotnet test", StringComparison.Ordinal) == true;
}
