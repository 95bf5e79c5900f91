using Microsoft.SqlServer.Dac;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Security;

/// <summary>An in-memory SQL Server 2022 model built from scripts: the "uncovered table" fixtures of the guard's tests.</summary>
public static class ThrowawayModel
{
    /// <summary>Builds the model and fails the test if DacFx reports an error, so a fixture cannot pass by being invalid.</summary>
    public static TSqlModel Build(params string[] scripts)
    {
        var model = new TSqlModel(SqlServerVersion.Sql160, new TSqlModelOptions());
        for (var i = 0; i < scripts.Length; i++)
        {
            model.AddObjects(scripts[i]);
        }

        var errors = model.Validate()
            .Where(m => m.MessageType == DacMessageType.Error)
            .Select(m => m.ToString())
            .ToList();
        Assert.True(errors.Count == 0, "The throwaway model is invalid:\n" + string.Join("\n", errors));
        return model;
    }
}
