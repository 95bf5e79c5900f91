using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Deployment.Rehearsal;

/// <summary>
/// One statement of a deploy script, in execution order: its batch, session (a new one starts where the tool's script
/// says so), phase, whether it is one of the tool's own batches, and its ScriptDom fragment. Statements inside IF,
/// BEGIN...END, TRY and WHILE blocks are listed too, each with the blocks that contain it (<see cref="Enclosing"/>).
/// </summary>
public sealed record ScriptStatement(
    int Position,
    int Batch,
    int BatchLine,
    int Session,
    ScriptPhase Phase,
    string? ToolBatch,
    TSqlStatement Fragment,
    IReadOnlyList<TSqlStatement> Enclosing)
{
    /// <summary>The statement's text, as written.</summary>
    public string Text => Fragment.ScriptTokenStream is null
        ? Fragment.GetType().Name
        : string.Concat(Fragment.ScriptTokenStream.Skip(Fragment.FirstTokenIndex).Take(Fragment.LastTokenIndex - Fragment.FirstTokenIndex + 1).Select(t => t.Text));

    /// <summary>A short description for messages: phase, batch, line and the first line of the text.</summary>
    public string Describe() =>
        $"{Phase} batch {Batch} (line {BatchLine + Fragment.StartLine - 1}{(ToolBatch is null ? string.Empty : ", tool: " + ToolBatch)}): {Text.Split('\n')[0].Trim()}";
}
