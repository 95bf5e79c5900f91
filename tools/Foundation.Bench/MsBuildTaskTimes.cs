using System.Globalization;
using System.Text.RegularExpressions;

namespace Foundation.Bench;

/// <summary>
/// The "Task Performance Summary" that `dotnet build -clp:PerformanceSummary` prints: milliseconds per task name,
/// summed over calls. It splits a clean build into DacFx's own work (the SSDT build and code-analysis tasks) and the
/// rest (MSBuild start-up, evaluation, the glue's targets, the migrations step).
/// </summary>
public static partial class MsBuildTaskTimes
{
    /// <summary>DacFx's SSDT tasks that do the model build and the static code analysis.</summary>
    public static readonly string[] DacFxTasks = ["SqlBuildTask", "SqlStaticCodeAnalysisTask"];

    public static IReadOnlyDictionary<string, double> Parse(string output)
    {
        var times = new Dictionary<string, double>(StringComparer.Ordinal);
        var inTasks = false;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().EndsWith("Performance Summary:", StringComparison.Ordinal))
            {
                inTasks = line.Trim() == "Task Performance Summary:";
                continue;
            }

            var match = TaskLine().Match(line);
            if (inTasks && match.Success)
            {
                var name = match.Groups["name"].Value;
                times[name] = times.GetValueOrDefault(name) + double.Parse(match.Groups["ms"].Value, CultureInfo.InvariantCulture);
            }
        }

        return times;
    }

    /// <summary>Seconds spent in DacFx's SSDT tasks, or NaN when the summary names none of them.</summary>
    public static double DacFxSeconds(string output)
    {
        var times = Parse(output);
        var found = DacFxTasks.Where(times.ContainsKey).ToList();
        return found.Count == 0 ? double.NaN : found.Sum(task => times[task]) / 1000;
    }

    [GeneratedRegex(@"^\s*(?<ms>\d+) ms\s+(?<name>\S+)\s+\d+ calls\s*$")]
    private static partial Regex TaskLine();
}
