using Foundation.Deploy.Planning;

namespace Foundation.Deploy.Reporting;

/// <summary>
/// Writes a plan's files into a folder: <c>report.md</c>, <c>report.json</c>, <c>deploy.sql</c> and DacFx's
/// <c>dacfx-report.xml</c>. A folder that cannot be created or written (not writable, a file in the way, a path too
/// long) is an error naming the path, never a crash; callers print the report before writing, so it is not lost.
/// </summary>
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

        var folder = Path.GetFullPath(directory);
        Create(folder);
        var script = Path.Combine(folder, ScriptFile);
        Save(script, plan.Script);
        Save(Path.Combine(folder, DacFxReportFile), plan.DacFxReportXml);
        Save(Path.Combine(folder, JsonFile), JsonReportWriter.Write(plan.Report) + "\n");
        var markdown = Path.Combine(folder, MarkdownFile);
        Save(markdown, MarkdownReportWriter.Write(plan.Report, script));
        return markdown;
    }

    /// <summary>Creates <paramref name="folder"/> (and its parents) or fails naming it.</summary>
    public static void Create(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new DeployToolException(ExitCode.InvalidInput, $"The output folder '{folder}' cannot be created: {ex.Message}", ex);
        }
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> or fails naming it.</summary>
    public static void Save(string path, string text)
    {
        try
        {
            File.WriteAllText(path, text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new DeployToolException(ExitCode.InvalidInput, $"The file '{path}' cannot be written: {ex.Message}", ex);
        }
    }
}
