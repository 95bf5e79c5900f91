using Foundation.Deploy.Planning;

namespace Foundation.Database.Tests.Deployment.Rehearsal;

/// <summary>
/// Breaks a deploy script on purpose, batch by batch, for the tests that show each invariant failing. A change inside
/// the pre- or post-deployment script is made to the dacpac's script too (<see cref="Apply"/>), so the broken deploy
/// script still has the layout of a dacpac that carries it.
/// </summary>
public static class ScriptSurgery
{
    /// <summary>Applies <paramref name="change"/> to the deploy script, and to each of the dacpac's scripts it fits.</summary>
    public static (string Script, string? Pre, string? Post) Apply(Func<string, string> change, string script, string? pre, string? post)
    {
        ArgumentNullException.ThrowIfNull(change);
        return (change(script), TryApply(change, pre), TryApply(change, post));
    }

    private static string? TryApply(Func<string, string> change, string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return change(text).TrimEnd('\n') + "\n";
        }
        catch (InvalidOperationException)
        {
            return text;
        }
    }

    /// <summary>The script without the batches that contain <paramref name="text"/> (at least one must).</summary>
    public static string RemoveBatches(string script, string text) => Rewrite(script, batches =>
    {
        var kept = batches.Where(b => !b.Contains(text, StringComparison.Ordinal)).ToList();
        return kept.Count < batches.Count ? kept : throw new InvalidOperationException($"No batch contains '{text}'.");
    });

    /// <summary>The script with <paramref name="batch"/> inserted before the first batch that contains <paramref name="text"/>.</summary>
    public static string InsertBefore(string script, string text, string batch) => Rewrite(script, batches =>
    {
        var at = batches.FindIndex(b => b.Contains(text, StringComparison.Ordinal));
        return at >= 0 ? [.. batches[..at], batch, .. batches[at..]] : throw new InvalidOperationException($"No batch contains '{text}'.");
    });

    /// <summary>The script with <paramref name="batch"/> inserted after the last batch that contains <paramref name="text"/>.</summary>
    public static string InsertAfterLast(string script, string text, string batch) => Rewrite(script, batches =>
    {
        var at = batches.FindLastIndex(b => b.Contains(text, StringComparison.Ordinal));
        return at >= 0 ? [.. batches[..(at + 1)], batch, .. batches[(at + 1)..]] : throw new InvalidOperationException($"No batch contains '{text}'.");
    });

    private static string Rewrite(string script, Func<List<string>, List<string>> change)
    {
        var batches = SqlCmdBatchReader.Read(script, SqlCmdBatchReader.VariablesAsThemselves(script)).Batches.Select(b => b.RawText.TrimEnd('\n')).ToList();
        return string.Join("\nGO\n", change(batches)) + "\nGO\n";
    }
}
