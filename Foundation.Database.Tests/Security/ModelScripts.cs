using System.Text.RegularExpressions;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Security;

/// <summary>Reads the statements of model objects as one-line text, the form docs/security.md lists them in.</summary>
public static partial class ModelScripts
{
    /// <summary>The object's script with every run of white space collapsed to one space.</summary>
    public static string OneLine(TSqlObject sqlObject)
    {
        ArgumentNullException.ThrowIfNull(sqlObject);
        return sqlObject.TryGetScript(out var script)
            ? Whitespace().Replace(script, " ").Trim()
            : throw new InvalidOperationException($"{sqlObject.ObjectType.Name} {sqlObject.Name} has no script in the model.");
    }

    /// <summary>Every GRANT, DENY and role membership in the model, one line each, sorted.</summary>
    public static IReadOnlyList<string> PermissionStatements(TSqlModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.GetObjects(DacQueryScopes.UserDefined, Permission.TypeClass)
            .Concat(model.GetObjects(DacQueryScopes.UserDefined, RoleMembership.TypeClass))
            .Select(OneLine)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
