using System.Xml.Linq;
using Foundation.Database.Tests.Infrastructure;
using Microsoft.SqlServer.Dac.Model;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Database.Tests.Security;

/// <summary>
/// The sqlproj suppresses SQL71502 (unresolved reference) in a few files because master.dacpac is not referenced.
/// A suppression would also hide a misspelt reference to Foundation's own objects: this test resolves those itself.
/// </summary>
public sealed class SuppressedReferenceTests
{
    [Fact]
    public void SuppressedFiles_ReferenceOnlySysOrObjectsOfTheModel()
    {
        var project = XDocument.Load(RepositoryPaths.DatabaseProjectFile);
        var files = project.Descendants()
            .Where(e => e.Name.LocalName == "Build" && ((string?)e.Attribute("SuppressTSqlWarnings") ?? string.Empty).Contains("71502", StringComparison.Ordinal))
            .Select(e => (string)e.Attribute("Update")!)
            .ToList();
        Assert.NotEmpty(files);

        var unresolved = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(RepositoryPaths.DatabaseProjectDirectory, file);
            Assert.True(File.Exists(path), $"The sqlproj suppresses warnings in '{file}', which does not exist.");

            var parser = new TSql160Parser(initialQuotedIdentifiers: true);
            using var reader = new StringReader(File.ReadAllText(path));
            var fragment = parser.Parse(reader, out var errors);
            Assert.Empty(errors);

            var names = new SchemaObjectNameCollector();
            fragment.Accept(names);
            unresolved.AddRange(names.Names
                .Where(n => n.SchemaIdentifier is not null && !string.Equals(n.SchemaIdentifier.Value, "sys", StringComparison.OrdinalIgnoreCase))
                .Where(n => !ExistsInModel(n))
                .Select(n => $"{file}: [{n.SchemaIdentifier!.Value}].[{n.BaseIdentifier.Value}]"));
        }

        Assert.True(unresolved.Count == 0, "References the build no longer checks, and that do not resolve:\n" + string.Join("\n", unresolved));
    }

    private static bool ExistsInModel(SchemaObjectName name)
    {
        var id = new ObjectIdentifier(name.SchemaIdentifier!.Value, name.BaseIdentifier.Value);
        return new[] { Table.TypeClass, View.TypeClass, Procedure.TypeClass, TableValuedFunction.TypeClass, ScalarFunction.TypeClass }
            .Any(type => BuiltModel.Model.GetObject(type, id, DacQueryScopes.UserDefined) is not null);
    }
}
