using System.Globalization;

namespace Foundation.Bench;

/// <summary>Renders figures and target verdicts as Markdown tables (readable in a terminal, pasteable into docs).</summary>
public static class ResultTable
{
    public static IEnumerable<string> Figures(IEnumerable<(string Subject, Measurement Measurement)> rows)
    {
        yield return "| subject | measurement | runs | min | median | max |";
        yield return "|---|---|---:|---:|---:|---:|";
        foreach (var (subject, m) in rows)
        {
            yield return string.Create(
                CultureInfo.InvariantCulture,
                $"| {subject} | {m.Name}{(m.Note.Length > 0 ? $" ({m.Note})" : "")} | {m.Samples.Count} | {Format(m.Min, m.Unit)} | {Format(m.Median, m.Unit)} | {Format(m.Max, m.Unit)} |");
        }
    }

    public static IEnumerable<string> Derived(IEnumerable<(string Subject, string Name, string Value)> rows)
    {
        yield return "| subject | derived figure (from medians) | value |";
        yield return "|---|---|---:|";
        foreach (var (subject, name, value) in rows)
        {
            yield return $"| {subject} | {name} | {value} |";
        }
    }

    public static IEnumerable<string> Targets(IEnumerable<TargetResult> results)
    {
        yield return "| target | limit | measured | verdict |";
        yield return "|---|---:|---:|---|";
        foreach (var r in results)
        {
            var measured = r.Measured is { } value ? Format(value, r.Unit) : "—";
            var verdict = r.Status switch
            {
                TargetStatus.Met => "met",
                TargetStatus.MissedExplained => $"MISSED (explained: {r.Explanation})",
                TargetStatus.Missed => $"MISSED ({r.Explanation})",
                _ => $"not measured ({r.Explanation})",
            };
            yield return $"| {r.Description} | {Format(r.Limit, r.Unit)} | {measured} | {verdict} |";
        }
    }

    public static string Format(double value, string unit) =>
        double.IsNaN(value) ? "—" : unit switch
        {
            "s" => value.ToString("F2", CultureInfo.InvariantCulture) + " s",
            "ms" => value.ToString("F1", CultureInfo.InvariantCulture) + " ms",
            "bytes" => (value / 1048576.0).ToString("F0", CultureInfo.InvariantCulture) + " MiB",
            "x" => value.ToString("F2", CultureInfo.InvariantCulture) + "×",
            "reads" => value.ToString("F0", CultureInfo.InvariantCulture),
            "yes/no" => value >= 1 ? "yes" : "no",
            _ => value.ToString("G4", CultureInfo.InvariantCulture) + " " + unit,
        };
}
