using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Deploy.Migrations;

/// <summary>
/// Loads every migration under a folder (<c>**/&lt;id&gt;.up.sql</c> and optional <c>&lt;id&gt;.down.sql</c>) and checks
/// each file on its own: header, T-SQL syntax, and the rules that let the generated deploy scripts embed it
/// (one batch: no <c>GO</c>, no SQLCMD commands or variables).
/// </summary>
public static partial class MigrationCatalog
{
    public static IReadOnlyList<Migration> Load(string directory, ICollection<MigrationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var migrations = new List<Migration>();
        var files = Directory.EnumerateFiles(directory, "*.sql", SearchOption.AllDirectories)
            .Select(Path.GetFullPath)
            .Order(StringComparer.Ordinal)
            .ToList();
        var ups = files.Where(f => f.EndsWith(MigrationHeaderParser.UpSuffix, StringComparison.OrdinalIgnoreCase)).ToList();
        var downs = files.Where(f => f.EndsWith(MigrationHeaderParser.DownSuffix, StringComparison.OrdinalIgnoreCase)).ToHashSet(StringComparer.Ordinal);

        foreach (var other in files.Except(ups).Except(downs))
        {
            errors.Add(new MigrationError("FDM002", other, 0, $"'{Path.GetFileName(other)}' is not a migration file: name it '<id>{MigrationHeaderParser.UpSuffix}' (and '<id>{MigrationHeaderParser.DownSuffix}' for its down step)."));
        }

        foreach (var down in downs)
        {
            var up = down[..^MigrationHeaderParser.DownSuffix.Length] + MigrationHeaderParser.UpSuffix;
            if (!ups.Contains(up, StringComparer.Ordinal))
            {
                errors.Add(new MigrationError("FDM002", down, 0, $"The down script has no up script '{Path.GetFileName(up)}' beside it."));
            }
        }

        foreach (var upPath in ups)
        {
            var upText = File.ReadAllText(upPath);
            var header = MigrationHeaderParser.Parse(upPath, upText, errors);
            var downPath = upPath[..^MigrationHeaderParser.UpSuffix.Length] + MigrationHeaderParser.DownSuffix;
            var downText = downs.Contains(downPath) ? File.ReadAllText(downPath) : null;
            var scriptOk = CheckScript(upPath, upText, errors);
            scriptOk &= downText is null || CheckScript(downPath, downText, errors);
            if (header is not null && scriptOk)
            {
                migrations.Add(new Migration(header.Id, header.Description, header.Requires, upText, downText, upPath, downText is null ? null : downPath));
            }
        }

        return migrations;
    }

    /// <summary>Checks that a script parses and is a single batch without SQLCMD syntax.</summary>
    public static bool CheckScript(string path, string text, ICollection<MigrationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var ok = true;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (GoLine().IsMatch(line))
            {
                errors.Add(new MigrationError("FDM003", path, i + 1, "A migration script is one batch: remove 'GO' (use EXEC sys.sp_executesql for statements that must start a batch)."));
                ok = false;
            }
            else if (line.StartsWith(':'))
            {
                errors.Add(new MigrationError("FDM003", path, i + 1, $"SQLCMD commands ('{line.Split(' ')[0]}') are not allowed in a migration script."));
                ok = false;
            }
            else if (line.Contains("$(", StringComparison.Ordinal))
            {
                errors.Add(new MigrationError("FDM003", path, i + 1, "SQLCMD variables ('$(...)') are not allowed in a migration script: it must mean the same thing on every target."));
                ok = false;
            }
        }

        if (!ok)
        {
            return false;
        }

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(text);
        var script = parser.Parse(reader, out var parseErrors);
        foreach (var error in parseErrors)
        {
            errors.Add(new MigrationError("FDM004", path, error.Line, $"T-SQL syntax error: {error.Message}"));
            ok = false;
        }

        // The generated step runs the script with sp_executesql inside a transaction it opened (510), the tool's down
        // steps inside the deployment transaction. A COMMIT in the script commits that work (a down step's: the whole
        // deployment transaction so far) before the journal is written; SQL Server then raises 266 (transaction count
        // after EXECUTE does not match) and the step fails, leaving the change applied but not journalled, so the next
        // deployment runs it again. A ROLLBACK ends the whole enclosing transaction (ROLLBACK TRANSACTION reference:
        // without a savepoint it rolls back to the outermost BEGIN TRANSACTION), for a down step the deployment's.
        var transactions = new TransactionStatementVisitor();
        script?.Accept(transactions);
        foreach (var statement in transactions.Found)
        {
            errors.Add(new MigrationError("FDM005", path, statement.StartLine,
                "A migration script runs inside the transaction of its generated step (a down step inside the deployment transaction): no BEGIN, COMMIT, ROLLBACK or SAVE TRANSACTION. Raise an error (THROW) to undo the step."));
            ok = false;
        }

        return ok;
    }

    /// <summary>
    /// A batch separator line as the tool's executor reads one (SqlCmdBatchReader): GO in any case, an optional count
    /// after any white space, an optional trailing comment (<c>GO</c>, <c>go 2</c>, <c>GO\t2</c>, <c>GO-- note</c>).
    /// ScriptDom takes such a line as a separator too, so the parse below would not catch it: the migration would be
    /// embedded in 510 with a separator inside its text and fail when it runs, after the schema change committed.
    /// </summary>
    [GeneratedRegex(@"^\s*GO(?:\s+\d+)?\s*(?:--.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex GoLine();

    private sealed class TransactionStatementVisitor : TSqlFragmentVisitor
    {
        public List<TSqlStatement> Found { get; } = [];

        public override void Visit(BeginTransactionStatement node) => Found.Add(node);

        public override void Visit(CommitTransactionStatement node) => Found.Add(node);

        public override void Visit(RollbackTransactionStatement node) => Found.Add(node);

        public override void Visit(SaveTransactionStatement node) => Found.Add(node);
    }
}
