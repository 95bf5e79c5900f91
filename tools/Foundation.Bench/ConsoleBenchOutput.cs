namespace Foundation.Bench;

/// <summary>Writes the benchmark's lines to standard output as they come.</summary>
public sealed class ConsoleBenchOutput : IBenchOutput
{
    public void Line(string text) => Console.Out.WriteLine(text);
}
