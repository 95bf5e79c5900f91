using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Bench;

/// <summary>What the live query-cost check needs in the .dacpac (design contract names); lists what is missing.</summary>
public static class LiveSchemaRequirements
{
    public const string SessionProcedureSchema = "Security";
    public const string SessionProcedureName = "usp_SetSessionContext";

    private static readonly (string Schema, string Name)[] _tables =
    [
        ("Tenancy", "Tenants"), ("Identity", "Users"), ("Identity", "UserRoles"),
        ("Identity", "Roles"), ("Identity", "RolePermissions"), ("Identity", "Permissions"),
    ];

    public static IReadOnlyList<string> Missing(string dacpacPath)
    {
        using var model = TSqlModel.LoadFromDacpac(dacpacPath, new ModelLoadOptions { LoadAsScriptBackedModel = false });
        var missing = _tables
            .Where(t => model.GetObject(Table.TypeClass, new ObjectIdentifier(t.Schema, t.Name), DacQueryScopes.UserDefined) is null)
            .Select(t => $"table [{t.Schema}].[{t.Name}]")
            .ToList();
        if (model.GetObject(Procedure.TypeClass, new ObjectIdentifier(SessionProcedureSchema, SessionProcedureName), DacQueryScopes.UserDefined) is null)
        {
            missing.Add($"procedure [{SessionProcedureSchema}].[{SessionProcedureName}]");
        }

        if (!model.GetObjects(DacQueryScopes.UserDefined, SecurityPolicy.TypeClass).Any())
        {
            missing.Add("a security policy");
        }

        return missing;
    }
}
