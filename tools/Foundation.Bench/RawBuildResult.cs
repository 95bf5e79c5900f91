namespace Foundation.Bench;

/// <summary>The outcome of a raw DacFx build: how many script files went in and the model's errors (none on success).</summary>
public sealed record RawBuildResult(int FileCount, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
