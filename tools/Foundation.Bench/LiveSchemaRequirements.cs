using Microsoft.SqlServer.Dac;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Bench;

/// <summary>What the live query-cost check needs in the .dacpac (design contract names); lists what is missing.</summary>
public static class LiveSchemaRequirements
{
    public const string SessionProcedureSchema = "Security";
    public const string SessionProcedureName = "usp_SetSessionContext";

    /// <summary>The deployment's sealed system session: every row visible, for the bench's own reads and samples.</summary>
    public const string DeploymentSessionProcedure = "[Security].[usp_SetDeploymentSessionContext]";

    /// <summary>The session seals the predicates read once per query and protected table (reported apart from the data reads).</summary>
    public const string SealSchema = "Security";
    public const string SealTable = "SessionSeals";

    private static readonly (string Schema, string Name)[] _tables =
    [
        ("Tenancy", "Tenants"), ("Identity", "Users"), ("Identity", "UserRoles"),
        ("Identity", "Roles"), ("Identity", "RolePermissions"), ("Identity", "Permissions"), (SealSchema, SealTable),
    ];

    private static readonly (string Schema, string Name)[] _procedures =
    [
        (SessionProcedureSchema, SessionProcedureName), ("Security", "usp_SetDeploymentSessionContext"),
    ];

    /// <summary>What the model lacks; a .dacpac that cannot be read is a <see cref="BenchException"/> naming it.</summary>
    public static IReadOnlyList<string> Missing(string dacpacPath)
    {
        TSqlModel model;
        try
        {
            model = TSqlModel.LoadFromDacpac(dacpacPath, new ModelLoadOptions { LoadAsScriptBackedModel = false });
        }
        catch (Exception ex) when (ex is DacServicesException or InvalidOperationException or IOException or UnauthorizedAccessException or System.IO.InvalidDataException or ArgumentException)
        {
            throw new BenchException($"The model in {dacpacPath} cannot be read: {ex.Message}", ex);
        }

        using (model)
        {
            return Missing(model);
        }
    }

    /// <summary>What <paramref name="model"/> lacks.</summary>
    public static IReadOnlyList<string> Missing(TSqlModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        {
            var missing = _tables
                .Where(t => model.GetObject(Table.TypeClass, new ObjectIdentifier(t.Schema, t.Name), DacQueryScopes.UserDefined) is null)
                .Select(t => $"table [{t.Schema}].[{t.Name}]")
                .ToList();
            missing.AddRange(_procedures
                .Where(p => model.GetObject(Procedure.TypeClass, new ObjectIdentifier(p.Schema, p.Name), DacQueryScopes.UserDefined) is null)
                .Select(p => $"procedure [{p.Schema}].[{p.Name}]"));
            if (!model.GetObjects(DacQueryScopes.UserDefined, SecurityPolicy.TypeClass).Any())
            {
                missing.Add("a security policy");
            }

            return missing;
        }
    }
}
