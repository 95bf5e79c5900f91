using System.Security.Cryptography;
using System.Text;

namespace Foundation.Deploy.Planning;

/// <summary>
/// Turns DacFx's deploy script into the script Foundation.Deploy reviews and runs (<c>deploy.sql</c>), adding only
/// batches of its own, each marked <c>-- @Foundation.Deploy: ...</c>:
/// <list type="number">
/// <item>after the header, <c>BEGIN TRANSACTION</c>: the pre-deployment script, the data-migration down steps and DacFx's
/// schema change run as one transaction, so a failure anywhere in them leaves the database as it was (history, down
/// steps and security policies included);</item>
/// <item>after the pre-deployment script (its lock, guards and history row), the down steps, when the plan has some;</item>
/// <item>around each table rebuild, a row count of the table before and after, at a point where no security predicate
/// applies to it (checked: otherwise the count could not see every row), refusing when the counts differ;</item>
/// <item>after the schema change, every untrusted CHECK and FOREIGN KEY constraint validated against the existing rows
/// (DacFx creates new ones WITH NOCHECK), still inside the transaction: a row that breaks a new constraint rolls the
/// whole deployment back, instead of failing it after the schema change committed (post-deployment step 910 then finds
/// nothing left to validate; it remains for SqlPackage's path);</item>
/// <item>then <c>COMMIT</c> (refusing if the transaction was lost);</item>
/// <item>before the post-deployment script, a new session: the post-deployment script establishes the deployment
/// context itself (step 000), on a session whose context no schema change can have made stale.</item>
/// </list>
/// The executor (<c>Publishing.DeploymentScriptExecutor</c>) runs this text exactly. <see cref="ComposedScript.Hash"/> is
/// the SHA-256 of the text without its <c>:setvar</c> lines, whose values are per-run metadata (release, ids, hash).
/// </summary>
public static class DeploymentScriptComposer
{
    public const string Marker = "-- @Foundation.Deploy: ";
    public const string BeginTransactionMarker = Marker + "deployment transaction begins";
    public const string DownStepsMarker = Marker + "data-migration down steps";
    public const string RowsBeforeMarker = Marker + "rows before the rebuild of ";
    public const string RowsAfterMarker = Marker + "rows after the rebuild of ";
    public const string ConstraintValidationMarker = Marker + "constraints validated inside the deployment transaction";
    public const string CommitMarker = Marker + "deployment transaction commits";
    public const string NewSessionMarker = Marker + "new session for the post-deployment script";

    /// <summary>The composed script and its hash.</summary>
    public sealed record ComposedScript(string Text, string Hash);

    public static ComposedScript Compose(string dacFxScript, string? preDeployment, string? postDeployment, string? downSteps)
    {
        ArgumentNullException.ThrowIfNull(dacFxScript);
        var batches = SqlCmdBatchReader.Read(dacFxScript, SqlCmdBatchReader.VariablesAsThemselves(dacFxScript)).Batches;
        var layout = DeployScriptLayout.Read(batches, preDeployment, postDeployment);
        var beforeRebuild = layout.Rebuilds.ToLookup(r => r.CreateCopy);
        var afterRebuild = layout.Rebuilds.ToLookup(r => r.RenameBack);

        var sql = new StringBuilder();
        sql.Append("-- Foundation.Deploy ").Append(ToolInfo.Version)
           .Append(": DacFx's deploy script with the tool's own batches (marked '").Append(Marker.Trim()).Append("'), exactly as it runs.\n");
        for (var i = 0; i < batches.Count; i++)
        {
            if (i == layout.HeaderEnd + 1)
            {
                Batch(sql, $"{BeginTransactionMarker}: the pre-deployment script, the down steps and the schema change commit together.\nSET XACT_ABORT ON;\nBEGIN TRANSACTION;");
            }

            if (i == layout.PreDeployment.End.Value && downSteps is not null)
            {
                Batch(sql, $"{DownStepsMarker}: after every gate, inside the deployment transaction.\n{downSteps.Trim()}\n");
            }

            foreach (var rebuild in beforeRebuild[i])
            {
                Batch(sql, RowsBefore(rebuild.Table));
            }

            if (i == layout.PostDeployment.Start.Value)
            {
                Batch(sql, ValidateConstraints());
                Batch(sql, Commit());
                Batch(sql, $"{NewSessionMarker}: it establishes its own deployment context (step 000).");
                Batch(sql, SessionOptions(batches, layout));
            }

            Batch(sql, batches[i].RawText.TrimEnd('\n'));
            foreach (var rebuild in afterRebuild[i])
            {
                Batch(sql, RowsAfter(rebuild.Table));
            }
        }

        if (layout.PostDeployment.Start.Value >= batches.Count)
        {
            Batch(sql, ValidateConstraints());
            Batch(sql, Commit());
        }

        var text = sql.ToString();
        return new ComposedScript(text, Hash(text));
    }

    /// <summary>SHA-256 (hex) of a deploy script without its <c>:setvar</c> lines.</summary>
    public static string Hash(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var lines = script.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Where(line => !line.TrimStart().StartsWith(":setvar", StringComparison.OrdinalIgnoreCase));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
    }

    private static void Batch(StringBuilder sql, string text) => sql.Append(text).Append("\nGO\n");

    /// <summary>
    /// The new session gets the SET options SqlPackage's one has when it reaches the post-deployment script: DacFx's
    /// header (ANSI_NULLS ... QUOTED_IDENTIFIER ON, NUMERIC_ROUNDABORT OFF) and the XACT_ABORT ON its transacted portion set.
    /// </summary>
    private static string SessionOptions(IReadOnlyList<SqlCmdBatchReader.Batch> batches, DeployScriptLayout layout)
    {
        var header = batches.Take(layout.HeaderEnd + 1)
            .Select(b => DeployScriptLayout.Normalise(b.RawText))
            .Where(t => t.StartsWith("SET ", StringComparison.OrdinalIgnoreCase) && !t.Contains('$', StringComparison.Ordinal));
        return $"{Marker}the session options of DacFx's header, and XACT_ABORT as DacFx's transacted portion leaves it.\n{string.Join("\n", header)}\nSET XACT_ABORT ON;";
    }

    /// <summary>
    /// Post-deployment step 910 itself (embedded from Foundation.Database/Scripts/PostDeployment), run where a failure
    /// still rolls everything back; its update of the history row is rolled back with the rest, and the tool records
    /// the failure.
    /// </summary>
    private static string ValidateConstraints() =>
        $"{ConstraintValidationMarker}: a row that breaks a new constraint rolls the deployment back.\n{ValidationScript.Value}";

    private static readonly Lazy<string> ValidationScript = new(() =>
    {
        using var stream = typeof(DeploymentScriptComposer).Assembly.GetManifestResourceStream("Foundation.Deploy.ValidateConstraints.sql")
            ?? throw new InvalidOperationException("The embedded constraint validation (910) is missing from Foundation.Deploy.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
        return text.EndsWith("\nGO", StringComparison.Ordinal) ? text[..^3].TrimEnd() : text;
    });

    private static string Commit() => $"""
        {CommitMarker}.
        IF @@TRANCOUNT <> 1
            THROW 50315, N'The deployment transaction was lost before its commit (a rollback in the script). Nothing of the schema change was committed.', 1;
        COMMIT TRANSACTION;
        """;

    private static string PredicateGuard(string table) => $"""
        IF EXISTS (SELECT 1 FROM [sys].[security_predicates] AS [p] INNER JOIN [sys].[security_policies] AS [s] ON [s].[object_id] = [p].[object_id]
                   WHERE [p].[target_object_id] = OBJECT_ID(N'{Escape(table)}') AND [s].[is_enabled] = 1)
            THROW 50316, N'Cannot count the rows of {Escape(table)} around its rebuild: a security predicate applies to it at this point, so a count would not see every row. The deployment was rolled back.', 1;
        """;

    private static string RowsBefore(string table) => $"""
        {RowsBeforeMarker}{table}: counted where no security predicate applies, and held (TABLOCK, HOLDLOCK) until the commit.
        {PredicateGuard(table)}
        IF OBJECT_ID(N'tempdb..#FoundationRebuildRows') IS NULL
            CREATE TABLE [#FoundationRebuildRows] ([TableName] NVARCHAR(300) NOT NULL PRIMARY KEY, [RowsBefore] BIGINT NOT NULL);
        INSERT INTO [#FoundationRebuildRows] ([TableName], [RowsBefore])
        SELECT N'{Escape(table)}', COUNT_BIG(*) FROM {table} WITH (TABLOCK, HOLDLOCK);
        """;

    private static string RowsAfter(string table) => $"""
        {RowsAfterMarker}{table}: the same count, or the deployment is rolled back.
        {PredicateGuard(table)}
        DECLARE @RowsBefore BIGINT = (SELECT [RowsBefore] FROM [#FoundationRebuildRows] WHERE [TableName] = N'{Escape(table)}');
        DECLARE @RowsAfter BIGINT = (SELECT COUNT_BIG(*) FROM {table});
        IF @RowsBefore IS NULL OR @RowsAfter <> @RowsBefore
        BEGIN
            DECLARE @RowsMessage NVARCHAR(2048) = CONCAT(N'The rebuild of {Escape(table)} changed its row count (', @RowsBefore, N' before, ', @RowsAfter, N' after). The deployment was rolled back.');
            THROW 50317, @RowsMessage, 1;
        END;
        PRINT CONCAT(N'Rebuild of {Escape(table)}: ', @RowsAfter, N' rows before and after.');
        """;

    private static string Escape(string text) => text.Replace("'", "''", StringComparison.Ordinal);
}
