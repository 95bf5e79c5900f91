using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.Live.Infrastructure;

/// <summary>
/// The dacpac the live tests deploy: <c>FOUNDATION_DACPAC</c> when set (the pipeline's Verify stage tests
/// the artifact it will ship, not a rebuild), else the one the test project's build copied beside the tests.
/// Offline tests keep reading the built one (<see cref="RepositoryPaths.Dacpac"/>).
/// </summary>
public static class LiveDacpac
{
    public const string Variable = "FOUNDATION_DACPAC";

    /// <summary>The dacpac to deploy; a clear failure (never a skip) when <c>FOUNDATION_DACPAC</c> names no file.</summary>
    public static string Path => Resolve(Environment.GetEnvironmentVariable, () => RepositoryPaths.Dacpac);

    /// <summary>Fails when <c>FOUNDATION_DACPAC</c> is set and names no file; does nothing when it is not set.</summary>
    public static void CheckConfigured() => Resolve(Environment.GetEnvironmentVariable, () => string.Empty);

    public static string Resolve(Func<string, string?> environment, Func<string> builtBesideTests)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(builtBesideTests);
        var configured = environment(Variable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            return builtBesideTests();
        }

        var path = System.IO.Path.GetFullPath(configured.Trim());
        if (Directory.Exists(path))
        {
            throw new InvalidOperationException($"{Variable} names the folder '{path}': point it at the .dacpac file itself.");
        }

        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{Variable} names '{path}', which does not exist: point it at the .dacpac to test (e.g. the downloaded foundation-dacpac artifact), or unset it to test the one built beside the tests.");
    }
}
