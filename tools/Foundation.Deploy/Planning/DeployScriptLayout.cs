using System.Text.RegularExpressions;

namespace Foundation.Deploy.Planning;

/// <summary>
/// Where the parts of a DacFx deploy script are, by batch index: the header (SET options, <c>:setvar</c>,
/// <c>USE [$(DatabaseName)]</c>), the pre-deployment script, the schema change (with IncludeTransactionalScripts: the
/// transacted portion from its <c>BEGIN TRANSACTION</c> to the batch that commits it), the post-deployment script and
/// the trailer. The pre- and post-deployment scripts are found as the contiguous runs of batches that equal the
/// dacpac's <c>predeploy.sql</c> and <c>postdeploy.sql</c>, so the layout holds for any release's scripts. Table
/// rebuilds are located by DacFx's <c>tmp_ms_xx_</c> table. A script whose shape is not this one is refused (a DacFx
/// upgrade that changes it must be looked at, not guessed at).
/// </summary>
public sealed partial class DeployScriptLayout
{
    private DeployScriptLayout(IReadOnlyList<SqlCmdBatchReader.Batch> batches)
    {
        Batches = batches;
    }

    public IReadOnlyList<SqlCmdBatchReader.Batch> Batches { get; }

    /// <summary>Index of the last batch of the header: <c>USE [$(DatabaseName)]</c> (or DacFx's SQLCMD-mode check, when there is no USE).</summary>
    public int HeaderEnd { get; private set; }

    /// <summary>Pre-deployment batches: [start, end).</summary>
    public Range PreDeployment { get; private set; }

    /// <summary>Schema-change batches between the two scripts: [start, end).</summary>
    public Range Schema { get; private set; }

    /// <summary>Post-deployment batches: [start, end).</summary>
    public Range PostDeployment { get; private set; }

    /// <summary>The <c>BEGIN TRANSACTION</c> batch of DacFx's transacted portion, or null when the schema change is empty.</summary>
    public int? TransactionBegin { get; private set; }

    /// <summary>The batch that commits DacFx's transacted portion, or null.</summary>
    public int? TransactionCommit { get; private set; }

    /// <summary>Each rebuilt table (<c>[Schema].[Table]</c>) with the batch that creates its copy and the batch that renames it back.</summary>
    public IReadOnlyList<TableRebuildBatches> Rebuilds { get; private set; } = [];

    public sealed record TableRebuildBatches(string Table, int CreateCopy, int RenameBack);

    public static DeployScriptLayout Read(IReadOnlyList<SqlCmdBatchReader.Batch> batches, string? preDeployment, string? postDeployment)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var layout = new DeployScriptLayout(batches);
        // The header ends with USE [$(DatabaseName)]; DacFx's scripts for Azure SQL Database have no USE, and end it with
        // the SQLCMD-mode check.
        var headerEnd = batches.Select((b, i) => (b, i)).FirstOrDefault(x => UseDatabase().IsMatch(x.b.RawText.Trim())).b?.Index
            ?? batches.FirstOrDefault(b => b.RawText.Contains("$(__IsSqlCmdEnabled)", StringComparison.Ordinal))?.Index
            ?? throw Unrecognised("it has neither USE [$(DatabaseName)] nor DacFx's SQLCMD-mode check");
        layout.HeaderEnd = headerEnd;
        var preStart = headerEnd + 1;
        var pre = Find(batches, SplitScript(preDeployment), preStart) ?? (preDeployment is null || SplitScript(preDeployment).Count == 0 ? preStart..preStart : throw Unrecognised("the dacpac's pre-deployment script is not in it"));
        var postBatches = SplitScript(postDeployment);
        var post = postBatches.Count == 0 ? (Range?)null : Find(batches, postBatches, pre.End.Value);
        if (post is null && postBatches.Count > 0)
        {
            throw Unrecognised("the dacpac's post-deployment script is not in it");
        }

        layout.PreDeployment = pre;
        var postRange = post ?? TrailerStart(batches)..TrailerStart(batches);
        layout.PostDeployment = postRange;
        layout.Schema = pre.End.Value..postRange.Start.Value;
        for (var i = layout.Schema.Start.Value; i < layout.Schema.End.Value; i++)
        {
            var text = batches[i].RawText.Trim();
            if (layout.TransactionBegin is null && text.Equals("BEGIN TRANSACTION", StringComparison.OrdinalIgnoreCase))
            {
                layout.TransactionBegin = i;
            }
            else if (layout.TransactionBegin is not null && text.Contains("The transacted portion of the database update succeeded.", StringComparison.Ordinal))
            {
                layout.TransactionCommit = i;
            }
        }

        if (layout.TransactionBegin is not null && layout.TransactionCommit is null)
        {
            throw Unrecognised("its transacted portion has no commit");
        }

        layout.Rebuilds = FindRebuilds(batches, layout.Schema);
        return layout;
    }

    /// <summary>The batches of a pre- or post-deployment script, trimmed, without empty ones.</summary>
    public static IReadOnlyList<string> SplitScript(string? script) => script is null
        ? []
        : SqlCmdBatchReader.Read(script, SqlCmdBatchReader.VariablesAsThemselves(script)).Batches.Select(b => Normalise(b.RawText)).Where(t => t.Length > 0).ToList();

    /// <summary>A batch's text for comparison: trimmed, without a byte-order mark.</summary>
    public static string Normalise(string text) => text.Trim().Trim('\uFEFF').Trim();

    /// <summary>Whether a batch lies in the range.</summary>
    public static bool Contains(Range range, int index) => index >= range.Start.Value && index < range.End.Value;

    private static Range? Find(IReadOnlyList<SqlCmdBatchReader.Batch> batches, IReadOnlyList<string> wanted, int from)
    {
        if (wanted.Count == 0)
        {
            return null;
        }

        for (var start = from; start < batches.Count; start++)
        {
            var i = start;
            var matched = 0;
            while (matched < wanted.Count && i < batches.Count)
            {
                var text = Normalise(batches[i].RawText);
                if (text.Length == 0 && matched > 0)
                {
                    i++;
                    continue;
                }

                if (!string.Equals(text, wanted[matched], StringComparison.Ordinal))
                {
                    break;
                }

                matched++;
                i++;
            }

            if (matched == wanted.Count)
            {
                return start..i;
            }
        }

        return null;
    }

    /// <summary>Where DacFx's closing <c>PRINT N'Update complete.'</c> is (the end, when there is none).</summary>
    private static int TrailerStart(IReadOnlyList<SqlCmdBatchReader.Batch> batches)
    {
        for (var i = batches.Count - 1; i >= 0; i--)
        {
            if (UpdateComplete().IsMatch(batches[i].RawText.Trim()))
            {
                return i;
            }
        }

        return batches.Count;
    }

    private static List<TableRebuildBatches> FindRebuilds(IReadOnlyList<SqlCmdBatchReader.Batch> batches, Range schema)
    {
        var rebuilds = new List<TableRebuildBatches>();
        for (var i = schema.Start.Value; i < schema.End.Value; i++)
        {
            foreach (Match create in CreateCopy().Matches(batches[i].RawText))
            {
                var tableSchema = create.Groups["schema"].Value;
                var table = create.Groups["table"].Value;
                var rename = $"sp_rename N'[{tableSchema}].[tmp_ms_xx_{table}]', N'{table}'";
                var back = Enumerable.Range(i, schema.End.Value - i).FirstOrDefault(j => batches[j].RawText.Contains(rename, StringComparison.OrdinalIgnoreCase), -1);
                if (back < 0)
                {
                    throw Unrecognised($"the rebuild of [{tableSchema}].[{table}] has no rename back");
                }

                rebuilds.Add(new TableRebuildBatches($"[{tableSchema}].[{table}]", i, back));
            }
        }

        return rebuilds;
    }

    private static DeployToolException Unrecognised(string why) =>
        new(ExitCode.Failure, $"The DacFx deploy script does not have the layout Foundation.Deploy knows ({why}); nothing was run. A DacFx upgrade may have changed it: rerun the offline rehearsal (Foundation.Database.Tests/Deployment/Rehearsal).");

    [GeneratedRegex(@"^USE \[\$\(DatabaseName\)\];?$")]
    private static partial Regex UseDatabase();

    [GeneratedRegex(@"^PRINT N'Update complete\.';?$")]
    private static partial Regex UpdateComplete();

    [GeneratedRegex(@"CREATE TABLE \[(?<schema>(?:[^\]]|\]\])+)\]\.\[tmp_ms_xx_(?<table>(?:[^\]]|\]\])+)\]")]
    private static partial Regex CreateCopy();
}
