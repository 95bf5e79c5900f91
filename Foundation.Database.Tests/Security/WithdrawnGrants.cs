using System.Text.RegularExpressions;

namespace Foundation.Database.Tests.Security;

/// <summary>
/// A GRANT that an earlier release made and this model no longer makes stays in every deployed database: DacFx revokes a
/// permission that leaves the model only with DropPermissionsNotInSource, which no profile sets. So each such GRANT must
/// be withdrawn explicitly: by a DENY of the same permission in the model (declarative, and it also outlasts a
/// re-grant), or by the matching REVOKE in the post-deployment script.
/// </summary>
public static partial class WithdrawnGrants
{
    /// <param name="released">Permission statements of the released model (one line each).</param>
    /// <param name="current">Permission statements of this model.</param>
    /// <param name="postDeployment">The post-deployment script with its includes, any white space.</param>
    public static IReadOnlyList<string> FindViolations(IReadOnlyList<string> released, IReadOnlyList<string> current, string postDeployment)
    {
        ArgumentNullException.ThrowIfNull(released);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(postDeployment);
        var script = Whitespace().Replace(postDeployment, " ");
        var violations = new List<string>();
        foreach (var grant in released.Where(s => s.StartsWith("GRANT ", StringComparison.Ordinal)).Except(current, StringComparer.Ordinal))
        {
            var deny = "DENY " + grant["GRANT ".Length..];
            var revoke = Grant().Match(grant) is { Success: true } m
                ? $"REVOKE {m.Groups["what"].Value} FROM {m.Groups["grantee"].Value};"
                : null;
            if (!current.Contains(deny, StringComparer.Ordinal) && (revoke is null || !script.Contains(revoke, StringComparison.Ordinal)))
            {
                violations.Add($"The released grant '{grant}' is gone from the model but stays in deployed databases: add '{deny}' to the model or '{revoke}' to a post-deployment step.");
            }
        }

        return violations;
    }

    [GeneratedRegex(@"^GRANT (?<what>.+) TO (?<grantee>\[[^\]]+\]);$")]
    private static partial Regex Grant();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
