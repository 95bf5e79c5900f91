using Microsoft.SqlServer.Dac;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Deployment;

/// <summary>
/// Checks data-migration scripts against a schema without a server. A migration runs as a string through
/// sp_executesql, so the model build never sees it; here each script becomes the body of a procedure added to the
/// dacpac's model, and DacFx reports what in it does not resolve (a misspelt column, a table that is not there).
/// </summary>
public static class MigrationReferenceValidator
{
    private const string Schema = "MigrationCheck";

    /// <summary>The problems, each naming its script; empty when every script fits the dacpac's schema.</summary>
    public static IReadOnlyList<string> Validate(string dacpacPath, IReadOnlyList<(string Name, string Sql)> scripts)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        using var model = TSqlModel.LoadFromDacpac(dacpacPath, new ModelLoadOptions { LoadAsScriptBackedModel = true });
        model.AddObjects($"CREATE SCHEMA [{Schema}] AUTHORIZATION [dbo];");
        var procedures = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < scripts.Count; i++)
        {
            var procedure = $"[{Schema}].[Script{i}]";
            procedures[procedure] = scripts[i].Name;
            model.AddObjects($"CREATE PROCEDURE {procedure}\nAS\nBEGIN\n{scripts[i].Sql}\nEND;");
        }

        // The model's own messages (for example its deliberate sys.* references) are not the migrations' business.
        return model.Validate()
            .Where(message => message.MessageType is DacMessageType.Error or DacMessageType.Warning)
            .Select(message => (Message: message, Procedure: procedures.Keys.FirstOrDefault(p => message.Message.Contains(p, StringComparison.OrdinalIgnoreCase))))
            .Where(found => found.Procedure is not null)
            .Select(found => $"{procedures[found.Procedure!]}: {found.Message.Prefix}{found.Message.Number}: {found.Message.Message}")
            .ToList();
    }
}
