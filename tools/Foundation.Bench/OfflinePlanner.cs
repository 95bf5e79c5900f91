using Microsoft.SqlServer.Dac;

namespace Foundation.Bench;

/// <summary>
/// The offline plan of an upgrade, as DacFx computes it without a server: the upgrade script and the deploy report
/// from a source (new) .dacpac against a target (deployed) .dacpac. Both are written to an output folder.
/// </summary>
public static class OfflinePlanner
{
    public const string DatabaseName = "Foundation";

    public static (int ScriptChars, int ReportChars) Plan(string sourceDacpac, string targetDacpac, string outputDirectory)
    {
        using var source = DacPackage.Load(sourceDacpac);
        using var target = DacPackage.Load(targetDacpac);
        var options = new DacDeployOptions { BlockOnPossibleDataLoss = true };
        var script = DacServices.GenerateDeployScript(source, target, DatabaseName, options);
        var report = DacServices.GenerateDeployReport(source, target, DatabaseName, options);
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
