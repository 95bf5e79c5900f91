using Foundation.Deploy.Planning;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Deployment.Rehearsal.Invariants;

/// <summary>
/// In the tool's scripts, every table DacFx rebuilds (a <c>tmp_ms_xx_</c> copy renamed back) has its rows counted just
/// before the copy and just after the rename, by the tool's batches, which refuse when a security predicate still
/// applies (the count would not see every row) or when the counts differ. SqlPackage's scripts have no such batches;
/// they rebuild an RLS table only when AllowUnsafeRowLevelSecurityDataMovement is set, which the profiles never do.
/// </summary>
public sealed class EveryRebuildIsCounted : IDeploymentInvariant
{
    public string Name => "every table rebuild is counted before and after (tool scripts)";

    public IReadOnlyList<string> Check(RehearsalScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        if (!script.Text.Contains(DeploymentScriptComposer.Marker, StringComparison.Ordinal))
        {
            return [];
        }

        var batches = SqlCmdBatchReader.Read(script.Text, SqlCmdBatchReader.VariablesAsThemselves(script.Text)).Batches;
        var violations = new List<string>();
        foreach (var create in script.Statements.Where(s => s.Fragment is CreateTableStatement c
            && c.SchemaObjectName.BaseIdentifier.Value.StartsWith("tmp_ms_xx_", StringComparison.OrdinalIgnoreCase)))
        {
            var name = ((CreateTableStatement)create.Fragment).SchemaObjectName;
            var table = $"[{name.SchemaIdentifier.Value}].[{name.BaseIdentifier.Value["tmp_ms_xx_".Length..]}]";
            var before = Array.FindLastIndex(batches.Take(create.Batch).ToArray(), b => b.RawText.TrimStart().StartsWith(DeploymentScriptComposer.RowsBeforeMarker + table, StringComparison.Ordinal));
            var rename = batches.Skip(create.Batch).FirstOrDefault(b => b.RawText.Contains($"sp_rename N'[{name.SchemaIdentifier.Value}].[{name.BaseIdentifier.Value}]'", StringComparison.OrdinalIgnoreCase));
            var after = rename is null ? null : batches.ElementAtOrDefault(rename.Index + 1);
            if (before != create.Batch - 1)
            {
                violations.Add($"{table} is not counted right before its rebuild: {create.Describe()}");
            }

            if (after is null || !after.RawText.TrimStart().StartsWith(DeploymentScriptComposer.RowsAfterMarker + table, StringComparison.Ordinal))
            {
                violations.Add($"{table} is not counted right after its rebuild: {create.Describe()}");
            }
        }

        return violations;
    }
}
