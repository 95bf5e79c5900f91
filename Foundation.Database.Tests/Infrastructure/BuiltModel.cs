using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Infrastructure;

/// <summary>The model of the built dacpac, loaded once per test run (loading takes a second or two).</summary>
public static class BuiltModel
{
    private static readonly Lazy<TSqlModel> _model = new(
        () => TSqlModel.LoadFromDacpac(RepositoryPaths.Dacpac, new ModelLoadOptions { LoadAsScriptBackedModel = true }));

    public static TSqlModel Model => _model.Value;

    public static IEnumerable<TSqlObject> Tables => Model.GetObjects(DacQueryScopes.UserDefined, Table.TypeClass);

    public static TSqlObject GetTable(string schema, string name) =>
        Model.GetObject(Table.TypeClass, new ObjectIdentifier(schema, name), DacQueryScopes.UserDefined)
        ?? throw new Xunit.Sdk.XunitException($"Table [{schema}].[{name}] is not in the built model.");
}
