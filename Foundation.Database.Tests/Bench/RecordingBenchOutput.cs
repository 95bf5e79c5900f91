using Foundation.Bench;

namespace Foundation.Database.Tests.Bench;

/// <summary>What the benchmark would have printed, for tests.</summary>
public sealed class RecordingBenchOutput : IBenchOutput
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines => _lines;

    public void Line(string text) => _lines.Add(text);
}
