using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Foundation.Deploy.Planning;

namespace Foundation.Deploy.Reporting;

/// <summary>
/// Writes a <see cref="DeploymentReport"/> as JSON for the pipeline. With <c>forHash</c> it leaves out what varies
/// between runs of the same plan (timestamp, file paths, live sizes, the hash itself), giving the canonical text
/// the report hash is computed from. Text is written as is (UTF-8, <c>+</c> not <c>\u002B</c>): the file is read by
/// people and by jq, never embedded in HTML, so the relaxed encoder's only omission (HTML-sensitive characters) is safe;
/// quotes, backslashes and control characters are still escaped.
/// </summary>
public static class JsonReportWriter
{
    private static readonly JsonSerializerOptions _options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(DeploymentReport report, bool forHash = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        var root = new JsonObject
        {
            ["direction"] = report.Direction.ToString(),
            ["source"] = new JsonObject
            {
                ["name"] = report.Source.Name,
                ["version"] = report.Source.Version,
                ["checksum"] = report.Source.Checksum,
            },
            ["target"] = new JsonObject
            {
                ["kind"] = report.Target.Kind,
                ["recordedVersion"] = report.Target.RecordedVersion,
                ["recordedChecksum"] = report.Target.RecordedChecksum,
            },
            ["scriptHash"] = report.ScriptHash,
            ["overallImpact"] = report.OverallImpact.ToString(),
            ["requiresReview"] = report.RequiresReview,
            ["reviewReasons"] = Array(report.ReviewReasons.Select(r => (JsonNode?)r)),
            ["gateRefusals"] = Array(report.GateRefusals.Select(r => (JsonNode?)r)),
            ["operations"] = Array(report.Operations.Select(o => (JsonNode?)new JsonObject
            {
                ["action"] = o.Action,
                ["object"] = o.ObjectName,
                ["type"] = o.ObjectType,
                ["impact"] = o.Impact.ToString(),
                ["reason"] = o.Reason,
                ["online"] = o.Online,
                ["dataLossAlertIds"] = Array(o.DataLossAlertIds.Select(i => (JsonNode?)i)),
            })),
            ["dataLoss"] = Array(report.DataLoss.Select(a => (JsonNode?)new JsonObject
            {
                ["id"] = a.Id,
                ["object"] = a.ObjectName,
                ["table"] = a.Table,
                ["column"] = a.Column,
                ["message"] = a.Message,
                ["allowed"] = a.IsAllowed,
                ["allowedBy"] = a.AllowedBy,
            })),
            ["tableRebuilds"] = Array(report.TableRebuilds.Select(r => (JsonNode?)new JsonObject
            {
                ["table"] = r.Table,
                ["underRowLevelSecurity"] = r.UnderRowLevelSecurity,
                ["allowed"] = r.AllowedBy is not null,
                ["allowedBy"] = r.AllowedBy,
            })),
            ["indexBuilds"] = Array(report.IndexBuilds.Select(o => (JsonNode?)new JsonObject
            {
                ["index"] = o.ObjectName,
                ["online"] = o.Online,
                ["impact"] = o.Impact.ToString(),
            })),
            ["rlsChanges"] = Array(report.RlsChanges.Select(c => (JsonNode?)new JsonObject
            {
                ["policy"] = c.Policy,
                ["change"] = c.Change,
                ["tables"] = Array(c.ProtectedTables.Select(t => (JsonNode?)t)),
            })),
            ["migrations"] = Array(report.Migrations.Select(m => (JsonNode?)new JsonObject
            {
                ["step"] = m.Step,
                ["id"] = m.Id,
                ["direction"] = m.Direction,
                ["description"] = m.Description,
                ["requires"] = Array(m.Requires.Select(r => (JsonNode?)r)),
                ["hasDown"] = m.HasDown,
            })),
            ["allowances"] = Allowances(report.Allowances),
            ["unusedAllowances"] = Allowances(report.UnusedAllowances),
            ["otherAlerts"] = Array(report.OtherAlerts.Select(a => (JsonNode?)a)),
            ["notes"] = Array(report.Notes.Select(n => (JsonNode?)n)),
        };

        if (!forHash)
        {
            root["hash"] = report.Hash;
            root["generatedAt"] = report.GeneratedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            root["toolVersion"] = report.ToolVersion;
            ((JsonObject)root["source"]!)["path"] = report.Source.Path;
            ((JsonObject)root["target"]!)["description"] = report.Target.Description;
            root["profile"] = new JsonObject
            {
                ["name"] = report.Profile.Name,
                ["keyOptions"] = Options(report.Profile.KeyOptions),
                ["otherOptions"] = Options(report.Profile.OtherNonDefaultOptions),
            };
            root["changedTables"] = report.ChangedTables is null ? null : Array(report.ChangedTables.Tables.Where(t => t.Detailed).Select(t => (JsonNode?)t.Name));
            root["tableSizes"] = Array(report.TableSizes.Select(s => (JsonNode?)new JsonObject
            {
                ["table"] = s.Table,
                ["rows"] = s.Rows,
                ["reservedKB"] = s.ReservedKilobytes,
            }));
        }

        return root.ToJsonString(_options);
    }

    private static JsonArray Array(IEnumerable<JsonNode?> nodes) => new([.. nodes]);

    private static JsonArray Allowances(IEnumerable<DeploymentAllowances.Entry> entries) => Array(entries.Select(e => (JsonNode?)new JsonObject
    {
        ["kind"] = e.Allows == DeploymentAllowances.Kind.DataLoss ? "dataLoss" : "tableRebuild",
        ["object"] = e.ObjectName,
        ["source"] = e.Source,
    }));

    private static JsonObject Options(IEnumerable<KeyValuePair<string, string>> options)
    {
        var result = new JsonObject();
        foreach (var (name, value) in options)
        {
            result[name] = value;
        }

        return result;
    }
}
