using Foundation.Deploy.Cli;

namespace Foundation.Deploy;

/// <summary>Entry point: parses the verb and its options and returns an <see cref="ExitCode"/>.</summary>
public static class Program
{
    public static Task<int> Main(string[] args) => DeployCli.RunAsync(args, new SystemConsoleOutput());
}
