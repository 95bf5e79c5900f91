using Foundation.Deploy.Planning;

namespace Foundation.Deploy.Reporting;

/// <summary>Writes a plan's files into a folder: <c>report.md</c>, <c>report.json</c>, <c>deploy.sql</c> and DacFx's <c>dacfx-report.xml</c>.</summary>
public static class ReportFiles
{
    public const string MarkdownFile = "report.md";
    public const string JsonFile = "report.json";
    public const string ScriptFile = "deploy.sql";
    public const string DacFxReportFile = "dacfx-report.xml";

    /// <summary>Returns the Markdown report's path, or null when <paramref name="directory"/> is null.</summary>
    public static string? Write(DeploymentPlan plan, string? directory)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (directory is null)
        {
            return null;
        }

        Directory.CreateDirectory(directory);
        var script = Path.Combine(directory, ScriptFile);
        File.WriteAllText(script, plan.Script);
        File.WriteAllText(Path.Combine(directory, DacFxReportFile), plan.DacFxReportXml);
        File.WriteAllText(Path.Combine(directory, JsonFile), JsonReportWriter.Write(plan.Report) + "\n");
        var markdown = Path.Combine(directory, MarkdownFile);
        File.WriteAllText(markdown, MarkdownReportWriter.Write(plan.Report, script));
        return markdown;
    }
}
