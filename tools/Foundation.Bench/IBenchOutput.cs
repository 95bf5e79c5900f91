namespace Foundation.Bench;

/// <summary>Where the benchmark writes what a person reads, so tests can read it too.</summary>
public interface IBenchOutput
{
    void Line(string text);
}
