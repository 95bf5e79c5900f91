using Foundation.Database.Tests.Infrastructure;
using Foundation.Deploy.Dacpacs;
using Foundation.Deploy.Planning;
using Microsoft.SqlServer.Dac;

namespace Foundation.Database.Tests.Deployment.Rehearsal;

/// <summary>
/// The rehearsal's in-process dacpacs are the project: without edits, the variant builder gives the model, the
/// SQLCMD declarations and the pre/post-deployment scripts of the dacpac that <c>dotnet build</c> made.
/// </summary>
[Collection(RehearsalFixture.CollectionName)]
public sealed class RehearsalModelTests(RehearsalFixture rehearsal)
{
    [Fact]
    public void InProcessBuild_HasTheBuiltModel_WhenNothingIsEdited()
    {
        // Arrange
        using var built = DacpacFile.Open(RepositoryPaths.Dacpac);
        using var inProcess = DacpacFile.Open(rehearsal.Variants[RehearsalVariants.Base]);
        var options = new DacDeployOptions { DropObjectsNotInSource = true, BlockOnPossibleDataLoss = false, ScriptDatabaseOptions = true, IgnoreWhitespace = false };
        foreach (var (name, value) in built.DeclaredVariables)
        {
            options.SqlCommandVariableValues[name] = "x" + value;
        }

        // Act: compare both ways, every object and the database options included
        var forward = DacServices.GenerateDeployReport(inProcess.Package, built.Package, "Foundation", options);
        var backward = DacServices.GenerateDeployReport(built.Package, inProcess.Package, "Foundation", options);
        var script = DacServices.GenerateDeployScript(inProcess.Package, built.Package, "Foundation", options);

        // Assert
        Assert.Empty(DeployReportParser.Parse(forward).Items);
        Assert.Empty(DeployReportParser.Parse(backward).Items);
        Assert.DoesNotMatch(@"ALTER DATABASE \[", script);
        Assert.Equal(built.DeclaredVariables.OrderBy(v => v.Key), inProcess.DeclaredVariables.OrderBy(v => v.Key));
    }

    [Fact]
    public void InProcessBuild_HasTheBuiltDeploymentScripts_ByteForByte_WhenNothingIsEdited()
    {
        using var built = DacpacFile.Open(RepositoryPaths.Dacpac);
        using var inProcess = DacpacFile.Open(rehearsal.Variants[RehearsalVariants.Base]);

        Assert.NotNull(built.PreDeploymentScript);
        Assert.Equal(built.PreDeploymentScript, inProcess.PreDeploymentScript);
        Assert.Equal(built.PostDeploymentScript, inProcess.PostDeploymentScript);
        Assert.Equal(built.Migrations.Select(m => m.ToLine()), inProcess.Migrations.Select(m => m.ToLine()));
    }

    [Fact]
    public void Variant_CarriesItsEditAndItsMigration()
    {
        using var based = DacpacFile.Open(rehearsal.Variants[RehearsalVariants.Base]);
        using var noted = DacpacFile.Open(rehearsal.Variants[RehearsalVariants.NotedWithMigration]);

        var names = ModelObjectNames.Read(noted.Path);

        Assert.Contains(ObjectNames.Normalise("[Tenancy].[Tenants].[RehearsalNote]"), names);
        Assert.Contains(ObjectNames.Normalise("[History].[Tenants].[RehearsalNote]"), names);
        Assert.DoesNotContain(ObjectNames.Normalise("[Tenancy].[Tenants].[RehearsalNote]"), ModelObjectNames.Read(based.Path));
        Assert.Equal(RehearsalVariants.RehearsalMigration.Id, noted.Migrations[^1].Id);
        Assert.Equal(based.Migrations.Count + 1, noted.Migrations.Count);
    }
}
