using System.Globalization;
using System.Text;
using Foundation.Deploy.Planning;

namespace Foundation.Deploy.Reporting;

/// <summary>Writes a <see cref="DeploymentReport"/> as Markdown for the reviewing DBA: verdict first, details after.</summary>
public static class MarkdownReportWriter
{
    public static string Write(DeploymentReport report, string? scriptFile = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        var verb = report.Direction == DeploymentDirection.Rollback ? "Rollback" : "Deployment";
        Line(md, $"# {verb} report: {MarkdownText.Inline(report.Source.Name)} {MarkdownText.Inline(report.Source.Version)}");
        Line(md);
        Line(md, "| | |");
        Line(md, "|---|---|");
        Line(md, $"| Source dacpac | {MarkdownText.Code(report.Source.Path)} (release {MarkdownText.Inline(report.Source.Version)}, model SHA-256 `{Short(report.Source.Checksum)}`) |");
        Line(md, $"| Target | {MarkdownText.Inline(report.Target.Kind)}: {MarkdownText.Inline(report.Target.Description)} |");
        Line(md, $"| Target records | {(report.Target.RecordedVersion is null ? "no deployment history" : $"release {MarkdownText.Inline(report.Target.RecordedVersion)} (model `{Short(report.Target.RecordedChecksum)}`)")} |");
        Line(md, $"| Direction | {report.Direction} |");
        Line(md, $"| Profile | {(report.Profile.Name is null ? "none (DacFx defaults)" : MarkdownText.Code(report.Profile.Name))} |");
        Line(md, $"| Key options | {Options(report.Profile.KeyOptions)} |");
        if (report.Profile.OtherNonDefaultOptions.Count > 0)
        {
            Line(md, $"| Other options set | {Options(report.Profile.OtherNonDefaultOptions)} |");
        }

        Line(md, $"| Overall impact | **{Impact(report.OverallImpact)}** |");
        Line(md, $"| Report hash | `{report.Hash}` |");
        Line(md, $"| Generated | {report.GeneratedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)} by Foundation.Deploy {MarkdownText.Inline(report.ToolVersion)} |");
        if (scriptFile is not null)
        {
            Line(md, $"| Script | {MarkdownText.Code(scriptFile)} |");
        }

        Line(md);
        if (report.RequiresReview)
        {
            Line(md, "## Verdict: human review required");
            Line(md);
            foreach (var reason in report.ReviewReasons)
            {
                Line(md, $"- {MarkdownText.Inline(reason)}");
            }
        }
        else
        {
            Line(md, "## Verdict: no review required");
            Line(md);
            Line(md, report.Operations.Count == 0 && report.Migrations.Count == 0
                ? "Nothing to deploy: the target already matches the source."
                : "Every operation is metadata-only; no data loss, rebuilds, RLS gaps or down steps.");
        }

        Line(md);
        var refusals = report.GateRefusals;
        if (refusals.Count > 0)
        {
            Line(md, "### Publish would refuse until these are allowed or fixed");
            Line(md);
            foreach (var refusal in refusals)
            {
                Line(md, $"- {MarkdownText.Inline(refusal)}");
            }

            Line(md);
            Line(md, "Allow a specific object with a reviewed entry in `Foundation.Database/Profiles/DeploymentAllowances.json` (or `--allow-data-loss` / `--allow-rebuild`); see docs/deployment.md.");
            Line(md);
        }

        var unused = report.UnusedAllowances;
        if (unused.Count > 0)
        {
            Line(md, $"## Unused allowances ({unused.Count})");
            Line(md);
            Line(md, "These allowances match no data-loss alert or rebuild of this plan (a stale entry, or a misspelt object name); publish refuses them.");
            Line(md);
            foreach (var a in unused)
            {
                Line(md, $"- {(a.Allows == DeploymentAllowances.Kind.DataLoss ? "data loss on" : "rebuild of")} {MarkdownText.Code(a.ObjectName, inTable: false)}: {MarkdownText.Inline(a.Source)}");
            }

            Line(md);
        }

        ChangedTablesSection(md, report);

        Section(md, "Data-loss alerts", report.DataLoss.Count, () =>
        {
            Line(md, "| # | Object | Allowed | DacFx says |");
            Line(md, "|---|---|---|---|");
            foreach (var a in report.DataLoss)
            {
                Line(md, $"| {a.Id} | {MarkdownText.Code(a.ObjectName)} | {(a.IsAllowed ? "yes: " + MarkdownText.Inline(a.AllowedBy) : "**no**")} | {MarkdownText.Inline(a.Message)} |");
            }
        });

        Section(md, "Table rebuilds", report.TableRebuilds.Count, () =>
        {
            foreach (var r in report.TableRebuilds)
            {
                Line(md, $"- {MarkdownText.Code(r.Table, inTable: false)}: {(r.AllowedBy is null ? "**not allowed**" : "allowed: " + MarkdownText.Inline(r.AllowedBy))}. Copies every row in one SERIALIZABLE transaction.{Size(report, r.Table)}");
            }
        });

        Section(md, "Index builds", report.IndexBuilds.Count(), () =>
        {
            foreach (var o in report.IndexBuilds)
            {
                Line(md, $"- {MarkdownText.Code(o.ObjectName, inTable: false)}: {Impact(o.Impact)}, {(o.Online == true ? "ONLINE" : "offline")}. {MarkdownText.Inline(o.Reason)}{Size(report, ObjectNames.TableOf(o.ObjectName))}");
            }
        });

        Section(md, "Row-level security policies", report.RlsChanges.Count, () =>
        {
            foreach (var c in report.RlsChanges)
            {
                var tables = c.ProtectedTables.Count == 0 ? string.Empty : $" (covers {string.Join(", ", c.ProtectedTables.Select(t => MarkdownText.Code(t, inTable: false)))})";
                // The plan's script is transactional (EffectiveDeployOptions forces IncludeTransactionalScripts): the drop
                // and the create commit together, and the drop's schema lock makes other sessions wait, never read
                // unfiltered (docs/deployment.md, "What is guaranteed").
                var warning = c.Change switch
                {
                    RlsPolicyChange.DroppedAndRecreated => " Both inside the deployment's transaction: **sessions that use the covered tables wait until it commits** (a blocking window, never an unfiltered one).",
                    RlsPolicyChange.Dropped => " **Dropped for good: after this deployment the covered tables are no longer filtered by it.**",
                    _ => string.Empty,
                };
                Line(md, $"- {MarkdownText.Code(c.Policy, inTable: false)} {MarkdownText.Inline(c.Change)}{tables}.{warning}");
            }
        });

        Section(md, "Data migrations", report.Migrations.Count, () =>
        {
            Line(md, "Down steps run inside the deployment's transaction, just before the schema change; up steps run after it (post-deployment, on a new session), each in its own transaction.");
            Line(md);
            Line(md, "| Step | Migration | Direction | Requires | Down step | Description |");
            Line(md, "|---|---|---|---|---|---|");
            foreach (var m in report.Migrations)
            {
                Line(md, $"| {m.Step} | {MarkdownText.Code(m.Id)} | {m.Direction} | {(m.Requires.Count == 0 ? "-" : MarkdownText.Inline(string.Join(", ", m.Requires)))} | {(m.HasDown ? "yes" : "**no**")} | {MarkdownText.Inline(m.Description)} |");
            }
        });

        Section(md, "Operations", report.Operations.Count, () =>
        {
            Line(md, "| Action | Object | Type | Impact | Why |");
            Line(md, "|---|---|---|---|---|");
            foreach (var o in report.Operations.OrderByDescending(o => o.Impact))
            {
                Line(md, $"| {MarkdownText.Inline(o.Action)} | {MarkdownText.Code(o.ObjectName)} | {MarkdownText.Inline(o.ObjectType)} | {Impact(o.Impact)} | {MarkdownText.Inline(o.Reason)} |");
            }
        });

        Section(md, "Affected tables on the target", report.TableSizes.Count, () =>
        {
            Line(md, "| Table | Rows | Reserved |");
            Line(md, "|---|---:|---:|");
            foreach (var s in report.TableSizes)
            {
                Line(md, $"| {MarkdownText.Code(s.Table)} | {s.Rows.ToString("N0", CultureInfo.InvariantCulture)} | {Kilobytes(s.ReservedKilobytes)} |");
            }
        });

        if (report.OtherAlerts.Count + report.Notes.Count > 0)
        {
            Line(md, "## Other alerts and notes");
            Line(md);
            foreach (var text in report.OtherAlerts.Concat(report.Notes))
            {
                Line(md, $"- {MarkdownText.Inline(text)}");
            }
        }

        return md.ToString();
    }

    private static void ChangedTablesSection(StringBuilder md, DeploymentReport report)
    {
        var dropped = report.Operations.Where(o => o.Action == "Drop" && o.ObjectType == "SqlTable").Select(o => o.ObjectName).ToList();
        var changed = report.ChangedTables?.Tables.Where(t => t.Detailed).ToList() ?? [];
        if (report.ChangedTables is null || changed.Count + dropped.Count == 0)
        {
            return;
        }

        Line(md, $"## Tables this deployment changes ({changed.Count + dropped.Count})");
        Line(md);
        if (changed.Count > 0)
        {
            Line(md, "As they will be after the deployment: columns, keys (PK, FK, UK) and the SQL type. Tables shown by name only are linked to them by a foreign key and are not changed.");
            Line(md);
            Line(md, "```mermaid");
            md.Append(MermaidErDiagram.Write(report.ChangedTables));
            Line(md, "```");
            Line(md);
        }

        foreach (var table in dropped)
        {
            Line(md, $"- {MarkdownText.Code(table, inTable: false)} is **dropped**.");
        }

        if (dropped.Count > 0)
        {
            Line(md);
        }
    }

    private static void Section(StringBuilder md, string title, int count, Action body)
    {
        Line(md, $"## {title} ({count})");
        Line(md);
        if (count == 0)
        {
            Line(md, "None.");
        }
        else
        {
            body();
        }

        Line(md);
    }

    private static string Size(DeploymentReport report, string table)
    {
        var size = report.TableSizes.FirstOrDefault(s => string.Equals(s.Table, table, StringComparison.OrdinalIgnoreCase));
        return size is null ? string.Empty : $" Table holds {size.Rows.ToString("N0", CultureInfo.InvariantCulture)} rows, {Kilobytes(size.ReservedKilobytes)}.";
    }

    private static string Kilobytes(long kb) => kb switch
    {
        >= 1024 * 1024 => (kb / 1024d / 1024d).ToString("0.0 'GB'", CultureInfo.InvariantCulture),
        >= 1024 => (kb / 1024d).ToString("0.0 'MB'", CultureInfo.InvariantCulture),
        _ => kb.ToString("0 'KB'", CultureInfo.InvariantCulture),
    };

    private static string Impact(ImpactClass impact) => impact switch
    {
        ImpactClass.MetadataOnly => "metadata-only",
        ImpactClass.SizeOfData => "size-of-data",
        _ => "blocking",
    };

    private static string Short(string? checksum) => checksum is null ? "?" : checksum.Length > 12 ? checksum[..12] : checksum;

    private static string Options(IReadOnlyList<KeyValuePair<string, string>> options) =>
        options.Count == 0 ? "-" : string.Join(", ", options.Select(o => MarkdownText.Inline($"{o.Key}={o.Value}")));

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
