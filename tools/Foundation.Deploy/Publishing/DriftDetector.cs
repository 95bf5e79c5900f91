using Foundation.Deploy.Dacpacs;
using Foundation.Deploy.Planning;
using Microsoft.SqlServer.Dac;

namespace Foundation.Deploy.Publishing;

/// <summary>
/// Compares a live database with the dacpac of a release: every operation DacFx would need to make the database match
/// that dacpac is a difference (drift), including objects that exist only in the database. Users, logins and role
/// memberships are environment-specific and ignored, and so are the objects the post-deployment script creates on
/// purpose outside the model: the database audit specification of step 080 (<see cref="CreatedByPostDeployment"/>), and
/// the certificates and signatures of step 070 (a new certificate signs the Monitoring procedures whenever one changed).
/// </summary>
public static class DriftDetector
{
    /// <summary>Objects post-deployment creates deliberately (type and name as DacFx reports them): never drift.</summary>
    public static IReadOnlyList<(string Type, string Name)> CreatedByPostDeployment { get; } =
    [
        ("SqlDatabaseAuditSpecification", "[FoundationDatabaseAudit]"),
    ];

    private static readonly ObjectType[] _environmentTypes =
    [
        ObjectType.Users, ObjectType.Logins, ObjectType.RoleMembership, ObjectType.ServerRoleMembership, ObjectType.ServerRoles,
        ObjectType.DatabaseScopedCredentials, ObjectType.Certificates, ObjectType.Signatures,
    ];

    public sealed record Difference(string Action, string ObjectName, string ObjectType)
    {
        public override string ToString() => Action switch
        {
            "Drop" => $"{ObjectName} ({ObjectType}) exists in the database but not in the release",
            "Create" => $"{ObjectName} ({ObjectType}) is missing from the database",
            _ => $"{ObjectName} ({ObjectType}) differs from the release ({Action})",
        };
    }

    /// <summary>The compare options: every object counts, target-only objects included, but environment-owned types.</summary>
    public static DacDeployOptions ComparisonOptions() => new()
    {
        DropObjectsNotInSource = true,
        BlockOnPossibleDataLoss = false,
        AllowUnsafeRowLevelSecurityDataMovement = true,
        ScriptDatabaseOptions = false,
        DoNotDropObjectTypes = [.. _environmentTypes],
        ExcludeObjectTypes = [.. _environmentTypes],
    };

    /// <summary><see cref="ComparisonOptions"/> with the release's declared SQLCMD variables.</summary>
    public static DacDeployOptions Options(DacpacFile release)
    {
        ArgumentNullException.ThrowIfNull(release);
        var options = ComparisonOptions();
        foreach (var (name, value) in release.DeclaredVariables)
        {
            options.SqlCommandVariableValues[name] = value;
        }

        return options;
    }

    public static IReadOnlyList<Difference> Detect(DacServices services, string databaseName, DacpacFile release)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(release);
        try
        {
            return Differences(services.GenerateDeployReport(release.Package, databaseName, Options(release)));
        }
        catch (DacServicesException ex)
        {
            throw new DeployToolException(ExitCode.Failure, $"DacFx could not compare database '{databaseName}' with '{release.Path}': {DacErrors.Describe(ex)}", ex);
        }
    }

    /// <summary>The differences in a DacFx deploy report, without the objects post-deployment creates on purpose.</summary>
    public static IReadOnlyList<Difference> Differences(string deployReportXml)
    {
        var (items, _) = DeployReportParser.Parse(deployReportXml);
        return items
            .Where(i => !CreatedByPostDeployment.Any(o => o.Type == i.Type && string.Equals(o.Name, i.Value, StringComparison.OrdinalIgnoreCase)))
            .Select(i => new Difference(i.Operation, i.Value, i.Type))
            .ToList();
    }
}
