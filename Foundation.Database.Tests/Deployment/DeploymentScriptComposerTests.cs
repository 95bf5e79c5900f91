using Foundation.Deploy;
using Foundation.Deploy.Planning;

namespace Foundation.Database.Tests.Deployment;

/// <summary>The composed script's hash and its refusal of a DacFx script whose layout it does not know.</summary>
public sealed class DeploymentScriptComposerTests
{
    private const string Script = ":setvar DatabaseName \"Foundation\"\n:setvar ReleaseVersion \"1.0.0\"\nGO\nUSE [$(DatabaseName)];\nGO\nPRINT N'pre';\nGO\nPRINT N'schema';\nGO\nPRINT N'post';\nGO\nPRINT N'Update complete.';\nGO\n";

    [Fact]
    public void Hash_IgnoresTheSetVarValues_ButNothingElse()
    {
        var hash = DeploymentScriptComposer.Hash(Script);

        Assert.Equal(hash, DeploymentScriptComposer.Hash(Script.Replace("\"1.0.0\"", "\"2.0.0\"", StringComparison.Ordinal)));
        Assert.NotEqual(hash, DeploymentScriptComposer.Hash(Script.Replace("N'schema'", "N'schema!'", StringComparison.Ordinal)));
    }

    [Fact]
    public void Compose_WrapsPreDeploymentAndSchemaInOneTransaction_AndStartsANewSessionForPostDeployment()
    {
        var composed = DeploymentScriptComposer.Compose(Script, "PRINT N'pre';\nGO\n", "PRINT N'post';\nGO\n", downSteps: null).Text;

        var begin = composed.IndexOf(DeploymentScriptComposer.BeginTransactionMarker, StringComparison.Ordinal);
        var commit = composed.IndexOf(DeploymentScriptComposer.CommitMarker, StringComparison.Ordinal);
        var session = composed.IndexOf(DeploymentScriptComposer.NewSessionMarker, StringComparison.Ordinal);
        Assert.True(begin < composed.IndexOf("N'pre'", StringComparison.Ordinal));
        Assert.True(composed.IndexOf("N'schema'", StringComparison.Ordinal) < commit);
        // New constraints are validated where a violation still rolls the schema change back.
        var validation = composed.IndexOf(DeploymentScriptComposer.ConstraintValidationMarker, StringComparison.Ordinal);
        Assert.True(composed.IndexOf("N'schema'", StringComparison.Ordinal) < validation && validation < commit);
        Assert.Contains("WITH CHECK CHECK CONSTRAINT", composed[validation..commit], StringComparison.Ordinal);
        Assert.True(commit < session && session < composed.IndexOf("N'post'", StringComparison.Ordinal));
    }

    [Fact]
    public void Compose_RefusesAScriptWithoutItsPostDeploymentScript_NothingRuns()
    {
        var ex = Assert.Throws<DeployToolException>(() => DeploymentScriptComposer.Compose(Script, "PRINT N'pre';\nGO\n", "PRINT N'other';\nGO\n", downSteps: null));

        Assert.Contains("post-deployment script is not in it", ex.Message, StringComparison.Ordinal);
    }
}
