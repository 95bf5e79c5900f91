using Foundation.Deploy.Dacpacs;
using Foundation.Deploy.Planning;
using Foundation.Deploy.Profiles;

namespace Foundation.Deploy.Publishing;

/// <summary>
/// The SQLCMD values of a deployment through the tool, in one place for <c>plan --live</c> and <c>publish</c>/<c>rollback</c>
/// (so that a reviewed plan and the deployment produce the same script): the project's declared defaults, the profile's,
/// the command line's, then the tool's own. The tool sets only variables the dacpac declares (an older release declares
/// fewer). <see cref="SqlCmdVariables.Names.ReportHash"/> is known only after the plan: it is left empty in the planned
/// script and given to the executor as an override.
/// </summary>
public static class DeploymentVariables
{
    public static SqlCmdVariables For(
        DacpacFile dacpac,
        PublishProfile profile,
        IReadOnlyDictionary<string, string> commandLine,
        string releaseVersion,
        DeploymentDirection direction,
        string? expectedCurrentVersion,
        Guid deploymentId)
    {
        ArgumentNullException.ThrowIfNull(dacpac);
        ArgumentNullException.ThrowIfNull(profile);
        var variables = new SqlCmdVariables()
            .Set(dacpac.DeclaredVariables, "declared")
            .Set(profile.SqlCmdVariables, "profile")
            .Set(commandLine, "command line");
        var tool = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [SqlCmdVariables.Names.ReleaseVersion] = releaseVersion,
            [SqlCmdVariables.Names.DacpacChecksum] = dacpac.ModelChecksum,
            [SqlCmdVariables.Names.DeploymentId] = deploymentId == Guid.Empty ? string.Empty : deploymentId.ToString(),
            [SqlCmdVariables.Names.DeploymentDirection] = direction.ToString(),
            [SqlCmdVariables.Names.ToolVersion] = ToolInfo.Description,
            [SqlCmdVariables.Names.ReportHash] = string.Empty,
            [SqlCmdVariables.Names.DeploymentLockHeld] = "True",
            [SqlCmdVariables.Names.ExpectedCurrentVersion] = expectedCurrentVersion ?? string.Empty,
        };
        foreach (var (name, value) in tool.Where(t => dacpac.DeclaredVariables.ContainsKey(t.Key)))
        {
            variables.Set(name, value, "tool");
        }

        variables.EnsureDeclaredHaveValues(dacpac.DeclaredVariables.Keys, dacpac.Path);
        return variables;
    }

    /// <summary>The release version to record: the command line's, else the profile's, else the dacpac's.</summary>
    public static string ReleaseVersion(string? commandLine, PublishProfile profile, DacpacFile dacpac)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(dacpac);
        if (!string.IsNullOrWhiteSpace(commandLine))
        {
            return commandLine;
        }

        return profile.SqlCmdVariables.TryGetValue(SqlCmdVariables.Names.ReleaseVersion, out var fromProfile)
            && !string.IsNullOrWhiteSpace(fromProfile) && !fromProfile.Contains("$(", StringComparison.Ordinal)
            ? fromProfile
            : dacpac.Version.ToString(3);
    }
}
