using Foundation.Database.Tests.Infrastructure;
using Foundation.Deploy.Reporting;

namespace Foundation.Database.Tests.Deployment.Cli;

/// <summary>
/// docs/schema.md is generated from the built model and must stay current: other changes to the schema regenerate it
/// with one command (<see cref="SchemaDocument.RegenerateCommand"/>), which this test's failure prints.
/// </summary>
public sealed class SchemaDocumentTests
{
    private static string DocumentPath => Path.Combine(RepositoryPaths.Root, "docs", "schema.md");

    [Fact]
    public void SchemaPage_MatchesTheBuiltModel()
    {
        var expected = SchemaDocument.Write(SchemaGraphReader.Read(BuiltModel.Model));
        var actual = File.Exists(DocumentPath) ? File.ReadAllText(DocumentPath).ReplaceLineEndings("\n") : string.Empty;

        Assert.True(Staleness(expected, actual) is null, Staleness(expected, actual));
    }

    [Fact]
    public void Staleness_IsReported_WithTheCommandThatRegeneratesThePage()
    {
        var expected = SchemaDocument.Write(SchemaGraphReader.Read(BuiltModel.Model));
        var edited = expected.Replace("| `[Identity].[Users]` | UserId |", "| `[Identity].[Users]` | Id |", StringComparison.Ordinal);

        Assert.NotEqual(expected, edited);
        Assert.Contains(SchemaDocument.RegenerateCommand, Staleness(expected, edited), StringComparison.Ordinal);
        Assert.Contains("line", Staleness(expected, edited), StringComparison.Ordinal);
        Assert.Null(Staleness(expected, expected));
    }

    /// <summary>Null when current; else what differs first and how to regenerate.</summary>
    private static string? Staleness(string expected, string actual)
    {
        if (expected == actual)
        {
            return null;
        }

        var want = expected.Split('\n');
        var have = actual.Split('\n');
        var line = Enumerable.Range(0, Math.Max(want.Length, have.Length)).First(i => i >= want.Length || i >= have.Length || want[i] != have[i]);
        return $"docs/schema.md does not match the built model (first difference at line {line + 1}: expected '{(line < want.Length ? want[line] : "(end)")}', found '{(line < have.Length ? have[line] : "(end)")}'). "
            + $"Regenerate it from the repository root: dotnet build && {SchemaDocument.RegenerateCommand}";
    }
}
