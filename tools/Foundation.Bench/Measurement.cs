namespace Foundation.Bench;

/// <summary>One measured quantity over several runs: the raw samples and their min / median / max.</summary>
public sealed record Measurement(string Name, string Unit, IReadOnlyList<double> Samples, string Note = "")
{
    public double Min => Samples.Count == 0 ? double.NaN : Samples.Min();

    public double Max => Samples.Count == 0 ? double.NaN : Samples.Max();

    public double Median => MedianOf(Samples);

    /// <summary>The median of the samples; the mean of the middle two for an even count; NaN for none.</summary>
    public static double MedianOf(IReadOnlyList<double> samples)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
