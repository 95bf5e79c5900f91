using Foundation.Deploy;

namespace Foundation.Database.Tests.Live.Infrastructure;

/// <summary>What one publish through the deployment tool returned and printed.</summary>
/// <param name="ExitCode">The tool's exit code (a refusal thrown before the deployment is mapped to its code, as the command line does).</param>
/// <param name="Output">Everything the tool printed to standard output.</param>
/// <param name="Errors">Everything the tool printed to standard error, and the message of a refusal.</param>
public sealed record PublishOutcome(ExitCode ExitCode, string Output, string Errors)
{
    public bool Succeeded => ExitCode == ExitCode.Success;

    public override string ToString() => $"exit {(int)ExitCode} ({ExitCode}){Environment.NewLine}{Errors}{Environment.NewLine}{Output}";
}
