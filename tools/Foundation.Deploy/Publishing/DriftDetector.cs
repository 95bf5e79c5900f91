using Foundation.Deploy.Dacpacs;
using Foundation.Deploy.Planning;
using Microsoft.SqlServer.Dac;

namespace Foundation.Deploy.Publishing;

/// <summary>
/// Compares a live database with the dacpac of the release it records: every operation DacFx would need to make the
/// database match that dacpac is a difference (drift), including objects that exist only in the database. Users,
/// logins and role memberships are environment-specific and ignored; so are certificates and signatures, which the
/// post-deployment step 070 makes (a new certificate signs the Monitoring procedures whenever one changed).
/// </summary>
public static class DriftDetector
{
    public sealed record Difference(string Action, string ObjectName, string ObjectType)
    {
        public override string ToString() => Action switch
        {
            "Drop" => $"{ObjectName} ({ObjectType}) exists in the database but not in the release",
            "Create" => $"{ObjectName} ({ObjectType}) is missing from the database",
            _ => $"{ObjectName} ({ObjectType}) differs from the release ({Action})",
        };
    }

    private static readonly ObjectType[] _environmentTypes =
    [
        ObjectType.Users, ObjectType.Logins, ObjectType.RoleMembership, ObjectType.ServerRoleMembership, ObjectType.ServerRoles,
        ObjectType.DatabaseScopedCredentials, ObjectType.Certificates, ObjectType.Signatures,
    ];

    /// <summary>The options of the comparison: every difference counts, except the object types the environment owns.</summary>
    public static DacDeployOptions ComparisonOptions() => new()
    {
        DropObjectsNotInSource = true,
        BlockOnPossibleDataLoss = false,
        DoNotDropObjectTypes = [.. _environmentTypes],
        ExcludeObjectTypes = [.. _environmentTypes],
    };

    public static IReadOnlyList<Difference> Detect(DacServices services, string databaseName, DacpacFile recorded)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(recorded);
        var options = ComparisonOptions();
        foreach (var (name, value) in recorded.DeclaredVariables)
        {
            options.SqlCommandVariableValues[name] = value;
        }

        string xml;
        try
        {
            xml = services.GenerateDeployReport(recorded.Package, databaseName, options);
        }
        catch (DacServicesException ex)
        {
            throw new DeployToolException(ExitCode.Failure, $"DacFx could not compare database '{databaseName}' with '{recorded.Path}': {DacErrors.Describe(ex)}", ex);
        }

        var (items, _) = DeployReportParser.Parse(xml);
        return items.Select(i => new Difference(i.Operation, i.Value, i.Type)).ToList();
    }
}
