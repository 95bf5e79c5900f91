namespace Foundation.Database.Tests.Infrastructure;

/// <summary>What a child <c>dotnet build</c> returned: its exit code and everything it printed.</summary>
public sealed record BuildResult(int ExitCode, string Output);
