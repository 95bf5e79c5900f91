using Foundation.Deploy.Planning;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Deployment.Rehearsal;

/// <summary>
/// A deploy script as the rehearsal reasons over it: read like sqlcmd reads it (<see cref="SqlCmdBatchReader"/>, the
/// tool's own reader), laid out into phases (<see cref="DeployScriptLayout"/>), every batch parsed with ScriptDom, and
/// every statement given its transaction depth on the success path (<see cref="TransactionDepths"/>). The invariants
/// (<see cref="Invariants"/>) read nothing else.
/// </summary>
public sealed class RehearsalScript
{
    private RehearsalScript(string text, IReadOnlyList<ScriptStatement> statements, IReadOnlyList<string> problems, TransactionDepths depths)
    {
        Text = text;
        Statements = statements;
        Problems = problems;
        Depths = depths;
    }

    public string Text { get; }

    public IReadOnlyList<ScriptStatement> Statements { get; }

    /// <summary>Batches that did not parse, and transaction structures the simulation could not follow.</summary>
    public IReadOnlyList<string> Problems { get; }

    public TransactionDepths Depths { get; }

    public static RehearsalScript Read(string script, string? preDeployment, string? postDeployment)
    {
        ArgumentNullException.ThrowIfNull(script);
        var batches = SqlCmdBatchReader.Read(script, SqlCmdBatchReader.VariablesAsThemselves(script)).Batches;
        var layout = DeployScriptLayout.Read(batches, preDeployment, postDeployment);
        var statements = new List<ScriptStatement>();
        var problems = new List<string>();
        var session = 0;
        foreach (var batch in batches)
        {
            var firstLine = batch.RawText.TrimStart().Split('\n')[0].Trim();
            if (firstLine.StartsWith(DeploymentScriptComposer.NewSessionMarker, StringComparison.Ordinal))
            {
                session++;
            }

            if (batch.Text.Trim().Length == 0)
            {
                continue;
            }

            var phase = batch.Index <= layout.HeaderEnd ? ScriptPhase.Header
                : DeployScriptLayout.Contains(layout.PreDeployment, batch.Index) ? ScriptPhase.PreDeployment
                : DeployScriptLayout.Contains(layout.Schema, batch.Index) ? ScriptPhase.Schema
                : DeployScriptLayout.Contains(layout.PostDeployment, batch.Index) ? ScriptPhase.PostDeployment
                : batch.Index < layout.PostDeployment.Start.Value ? ScriptPhase.Schema
                : ScriptPhase.Trailer;
            var tool = firstLine.StartsWith(DeploymentScriptComposer.Marker, StringComparison.Ordinal) ? firstLine[DeploymentScriptComposer.Marker.Length..] : null;
            var fragment = (TSqlScript)new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(batch.Text), out var errors);
            if (errors.Count > 0)
            {
                problems.Add($"batch {batch.Index} (line {batch.StartLine}) does not parse: line {errors[0].Line}: {errors[0].Message}");
                continue;
            }

            foreach (var statement in fragment.Batches.SelectMany(b => b.Statements))
            {
                Flatten(statement, [], statements, batch, session, phase, tool);
            }
        }

        var depths = TransactionDepths.Simulate(statements);
        problems.AddRange(depths.Problems);
        return new RehearsalScript(script, statements, problems, depths);
    }

    /// <summary>The statements of a phase.</summary>
    public IEnumerable<ScriptStatement> In(ScriptPhase phase) => Statements.Where(s => s.Phase == phase);

    /// <summary>
    /// Where the transaction a statement runs in commits (the first later statement of the same session after which no
    /// transaction is open), or the statement itself when it runs outside a transaction; null: never committed.
    /// </summary>
    public int? CommitPointOf(ScriptStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        if (Depths.Before(statement) is 0 or null && Depths.After(statement) is 0 or null)
        {
            return statement.Position;
        }

        return Statements.FirstOrDefault(s => s.Position >= statement.Position && s.Session == statement.Session && Depths.After(s) == 0 && Depths.Before(s) > 0)?.Position;
    }

    private static void Flatten(TSqlStatement statement, List<TSqlStatement> enclosing, List<ScriptStatement> into, SqlCmdBatchReader.Batch batch, int session, ScriptPhase phase, string? tool)
    {
        into.Add(new ScriptStatement(into.Count, batch.Index, batch.StartLine, session, phase, tool, statement, [.. enclosing]));
        IEnumerable<TSqlStatement> children = statement switch
        {
            IfStatement i => [i.ThenStatement, .. i.ElseStatement is null ? Array.Empty<TSqlStatement>() : [i.ElseStatement]],
            BeginEndBlockStatement b => b.StatementList.Statements,
            TryCatchStatement t => [.. t.TryStatements.Statements, .. t.CatchStatements.Statements],
            WhileStatement w => [w.Statement],
            _ => [],
        };
        enclosing.Add(statement);
        foreach (var child in children)
        {
            Flatten(child, enclosing, into, batch, session, phase, tool);
        }

        enclosing.RemoveAt(enclosing.Count - 1);
    }
}
