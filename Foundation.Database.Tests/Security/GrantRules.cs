namespace Foundation.Database.Tests.Security;

/// <summary>
/// Who may reach the session procedures and the role memberships, checked over the model's GRANT, DENY and role
/// membership statements (one line each, as <see cref="ModelScripts.PermissionStatements"/> gives them):
/// <list type="bullet">
/// <item>only FoundationApplication may execute usp_SetSessionContext (the procedure takes any user id), and
/// FoundationReporting is explicitly denied it (release 1.0 granted it; a deployment does not revoke a GRANT that leaves
/// the model);</item>
/// <item>FoundationSecurityAdmin cannot change the membership of the application, reporting, deployer or its own role,
/// nor any role or user in general, and is explicitly denied ALTER on the application and reporting roles;</item>
/// <item>FoundationMonitoring holds EXECUTE on the Monitoring schema and nothing else (the procedures are signed).</item>
/// </list>
/// </summary>
public static class GrantRules
{
    private const string Application = "[FoundationApplication]";
    private const string SecurityAdmin = "[FoundationSecurityAdmin]";
    private const string Monitoring = "[FoundationMonitoring]";

    private static readonly string[] _requiredDenials =
    [
        "DENY EXECUTE ON OBJECT::[Security].[usp_SetSessionContext] TO [FoundationReporting];",
        "DENY ALTER ON ROLE::[FoundationApplication] TO [FoundationSecurityAdmin];",
        "DENY ALTER ON ROLE::[FoundationReporting] TO [FoundationSecurityAdmin];",
    ];

    private static readonly string[] _rolesASecurityAdminMustNotAlter =
        ["[FoundationApplication]", "[FoundationReporting]", "[FoundationDeployer]", "[FoundationSecurityAdmin]", "[db_owner]", "[db_securityadmin]", "[db_accessadmin]"];

    public static IReadOnlyList<string> FindViolations(IReadOnlyList<string> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        var violations = new List<string>();

        foreach (var statement in statements.Where(s => s.StartsWith("GRANT ", StringComparison.Ordinal)))
        {
            if ((statement.Contains("ON OBJECT::[Security].[usp_SetSessionContext]", StringComparison.Ordinal)
                    || statement.Contains("ON SCHEMA::[Security]", StringComparison.Ordinal))
                && !statement.EndsWith($" TO {Application};", StringComparison.Ordinal))
            {
                violations.Add($"Only {Application} may execute [Security].[usp_SetSessionContext] (it takes any user id): {statement}");
            }

            if (statement.EndsWith($" TO {SecurityAdmin};", StringComparison.Ordinal)
                && (_rolesASecurityAdminMustNotAlter.Any(role => statement.Contains($"ON ROLE::{role}", StringComparison.Ordinal))
                    || statement.StartsWith("GRANT ALTER ANY ROLE ", StringComparison.Ordinal)
                    || statement.StartsWith("GRANT ALTER ANY USER ", StringComparison.Ordinal)
                    || statement.StartsWith("GRANT CONTROL", StringComparison.Ordinal)
                    || statement.StartsWith("GRANT IMPERSONATE", StringComparison.Ordinal)))
            {
                violations.Add($"{SecurityAdmin} must not change the membership of a privileged role or impersonate: {statement}");
            }

            if (statement.EndsWith($" TO {Monitoring};", StringComparison.Ordinal)
                && statement != $"GRANT EXECUTE ON SCHEMA::[Monitoring] TO {Monitoring};")
            {
                violations.Add($"{Monitoring} gets EXECUTE on the Monitoring schema only; the procedures carry their permissions by signature: {statement}");
            }
        }

        foreach (var statement in statements.Where(s => s.StartsWith("ALTER ROLE ", StringComparison.Ordinal)))
        {
            if (statement.EndsWith($" ADD MEMBER {SecurityAdmin};", StringComparison.Ordinal)
                || statement.EndsWith($" ADD MEMBER {Monitoring};", StringComparison.Ordinal))
            {
                violations.Add($"A role that must stay unprivileged is made a member of another role: {statement}");
            }
        }

        violations.AddRange(_requiredDenials
            .Where(denial => !statements.Contains(denial, StringComparer.Ordinal))
            .Select(denial => $"Missing: {denial} (a DENY, so that a GRANT of an earlier release, which deployments do not revoke, cannot survive)."));
        return violations;
    }
}
