namespace Foundation.Database.Tests.Live.Infrastructure;

/// <summary>FOUNDATION_DACPAC: the live tests deploy the named artifact, and a wrong name is a clear failure.</summary>
public sealed class LiveDacpacTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("foundation-live-dacpac-").FullName;

    [Fact]
    public void Resolve_ReturnsTheDacpacBuiltBesideTheTests_WhenTheVariableIsNotSet()
    {
        var path = LiveDacpac.Resolve(_ => null, () => "/built/Foundation.Database.dacpac");

        Assert.Equal("/built/Foundation.Database.dacpac", path);
    }

    [Fact]
    public void Resolve_ReturnsTheNamedDacpac_WhenTheVariableNamesAFile()
    {
        var artifact = Path.Combine(_folder, "Foundation.Database.dacpac");
        File.WriteAllText(artifact, "stands in for the shipped artifact");

        var path = LiveDacpac.Resolve(Variable(artifact), () => throw new InvalidOperationException("the built dacpac must not be looked up"));

        Assert.Equal(artifact, path);
    }

    [Fact]
    public void Resolve_FailsNamingTheVariableAndThePath_WhenTheFileDoesNotExist()
    {
        var missing = Path.Combine(_folder, "missing.dacpac");

        var failure = Assert.Throws<InvalidOperationException>(() => LiveDacpac.Resolve(Variable(missing), () => "/built/Foundation.Database.dacpac"));

        Assert.Equal(
            $"FOUNDATION_DACPAC names '{missing}', which does not exist: point it at the .dacpac to test (e.g. the downloaded foundation-dacpac artifact), or unset it to test the one built beside the tests.",
            failure.Message);
    }

    [Fact]
    public void Resolve_FailsNamingTheFolder_WhenTheVariableNamesAFolder()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => LiveDacpac.Resolve(Variable(_folder), () => "/built/Foundation.Database.dacpac"));

        Assert.Contains("names the folder", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Func<string, string?> Variable(string value) => name => name == LiveDacpac.Variable ? value : null;
}
