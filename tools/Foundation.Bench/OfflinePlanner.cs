using Microsoft.SqlServer.Dac;

namespace Foundation.Bench;

/// <summary>
/// The offline plan of an upgrade, as DacFx computes it without a server: the upgrade script and the deploy report
/// from a source (new) .dacpac against a target (deployed) .dacpac. Both are written to an output folder.
/// </summary>
public static class OfflinePlanner
{
    public const string DatabaseName = "Foundation";

    /// <summary>
    /// One compare for both the script and the report (DacServices.Script with PublishOptions): GenerateDeployScript and
    /// GenerateDeployReport each compare the two models again, which doubles the cost of a plan.
    /// </summary>
    public static (int ScriptChars, int ReportChars) Plan(string sourceDacpac, string targetDacpac, string outputDirectory)
    {
        using var source = DacPackage.Load(sourceDacpac);
        using var target = DacPackage.Load(targetDacpac);
        var options = new PublishOptions
        {
            GenerateDeploymentScript = true,
            GenerateDeploymentReport = true,
            DeployOptions = new DacDeployOptions { BlockOnPossibleDataLoss = true },
        };
        var result = DacServices.Script(source, target, DatabaseName, options);
        var script = result.DatabaseScript;
        var report = result.DeploymentReport;
        Directory.CreateDirectory(outputDirectory);
        File.WriteAllText(Path.Combine(outputDirectory, "upgrade.sql"), script);
        File.WriteAllText(Path.Combine(outputDirectory, "report.xml"), report);
        return (script.Length, report.Length);
    }

    /// <summary>The deployment tool's own offline plan (DacFx's script and report plus its impact analysis).</summary>
    public static (int ScriptChars, int Operations) PlanWithDeploymentTool(string sourceDacpac, string targetDacpac, string outputDirectory)
    {
        var plan = Foundation.Deploy.Planning.DeploymentPlanner.PlanFiles(sourceDacpac, targetDacpac);
        Directory.CreateDirectory(outputDirectory);
        File.WriteAllText(Path.Combine(outputDirectory, "upgrade.sql"), plan.Script);
        File.WriteAllText(Path.Combine(outputDirectory, "report.xml"), plan.DacFxReportXml);
        return (plan.Script.Length, plan.Report.Operations.Count);
    }
}
