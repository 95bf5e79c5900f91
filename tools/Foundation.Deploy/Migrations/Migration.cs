using System.Security.Cryptography;
using System.Text;

namespace Foundation.Deploy.Migrations;

/// <summary>A run-once data migration: <c>&lt;id&gt;.up.sql</c> with its header, and an optional <c>&lt;id&gt;.down.sql</c>.</summary>
public sealed record Migration(
    string Id,
    string Description,
    IReadOnlyList<string> Requires,
    string UpScript,
    string? DownScript,
    string UpPath,
    string? DownPath)
{
    /// <summary>
    /// SHA-256 (lower-case hex) of the up and down scripts with line endings normalised to LF, so a checkout with
    /// CRLF line endings has the same checksum. Any other change (even whitespace) changes it.
    /// </summary>
    public string Checksum { get; } = ComputeChecksum(UpScript, DownScript);

    public bool HasDown => DownScript is not null;

    /// <summary>
    /// Why the migration must never be rolled back (from <c>migrations.lock.json</c>), or null. An irreversible migration
    /// is journalled without its down step, so every rollback past it is refused, by the tool and by the deploy script.
    /// </summary>
    public string? Irreversible { get; init; }

    public static string ComputeChecksum(string up, string? down)
    {
        var text = Normalise(up) + "\n-- down --\n" + (down is null ? string.Empty : Normalise(down));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
}
