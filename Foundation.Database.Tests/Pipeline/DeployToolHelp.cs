using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Foundation.Database.Tests.Pipeline;

/// <summary>
/// The verbs and options of Foundation.Deploy as its own command line defines them: the built tool (the assembly this
/// project references) is run with <c>--help</c> and its System.CommandLine help is read, so that the pipeline is checked
/// against the real definition, not a copy of it. Results are cached per verb.
/// </summary>
public static partial class DeployToolHelp
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> _help = new(StringComparer.Ordinal);

    /// <summary>The verbs listed under "Commands:" of the root help.</summary>
    public static IReadOnlySet<string> Verbs() => Section(Help(string.Empty), "Commands:")
        .Select(line => CommandLine().Match(line))
        .Where(match => match.Success)
        .Select(match => match.Groups["verb"].Value)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Every option name and alias of a verb (<c>--dacpac</c>, <c>-v</c>, <c>--variable</c>, ...).</summary>
    public static IReadOnlySet<string> Options(string verb) => Section(Help(verb), "Options:")
        .Select(line => OptionLine().Match(line))
        .Where(match => match.Success)
        .SelectMany(match => match.Groups["names"].Value.Split(',', StringSplitOptions.TrimEntries))
        .ToHashSet(StringComparer.Ordinal);

    private static string Help(string verb) => _help.GetOrAdd(verb, v => new Lazy<string>(() => Run(v))).Value;

    private static IEnumerable<string> Section(string help, string heading) => help.Split('\n')
        .SkipWhile(line => line.Trim() != heading)
        .Skip(1)
        .TakeWhile(line => line.Trim().Length > 0);

    private static string Run(string verb)
    {
        var tool = typeof(Foundation.Deploy.ExitCode).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(tool);
        if (verb.Length > 0)
        {
            start.ArgumentList.Add(verb);
        }

        start.ArgumentList.Add("--help");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet to read Foundation.Deploy's help.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'Foundation.Deploy {verb} --help' exited {process.ExitCode}: {errors}");
        }

        return output.Result.Replace("\r", string.Empty, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s{2,}(?<verb>[a-z][a-z-]*)(\s|$)")]
    private static partial Regex CommandLine();

    [GeneratedRegex(@"^\s{2,}(?<names>-{1,2}[^\s,<]+(?:,\s*-{1,2}[^\s,<]+)*)")]
    private static partial Regex OptionLine();
}
