namespace Foundation.Bench;

/// <summary>A step of the benchmark could not run (a build failed, a tool is missing); the message says which and why.</summary>
public sealed class BenchException : Exception
{
    public BenchException(string message)
        : base(message)
    {
    }

    public BenchException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public BenchException()
    {
    }
}
