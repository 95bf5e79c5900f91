using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Foundation.Database.Tests.Pipeline;

/// <summary>
/// <c>bash -n</c> on a pipeline script, as the agent hands it to bash: template expressions are already expanded
/// (a leftover <c>${{ }}</c> becomes a placeholder word); Azure macros (<c>$(Build.BuildNumber)</c>) parse as
/// command substitutions, which is valid syntax either way.
/// </summary>
public static partial class BashSyntax
{
    private static readonly string[] _usualPlaces = ["/bin/bash", "/usr/bin/bash"];

    /// <summary>Whether bash is on this machine (the hosted Linux agents and every Linux developer machine have it).</summary>
    public static bool IsAvailable => Find() is not null;

    /// <summary>bash's syntax errors for the script, or null when it parses.</summary>
    public static string? Errors(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var start = new ProcessStartInfo(Find() ?? "bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-n");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        process.StandardInput.Write(TemplateExpression().Replace(script, "placeholder"));
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : errors.Trim();
    }

    /// <summary>
    /// Runs the script with bash in an environment holding only PATH and <paramref name="environment"/>, as the agent
    /// would with those variables (template expressions already expanded): its exit code and what it printed.
    /// </summary>
    public static (int ExitCode, string Output) Run(string script, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo(Find() ?? "bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--noprofile");
        start.ArgumentList.Add("--norc");
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        start.Environment.Clear();
        start.Environment["PATH"] = path;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(script);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, (output + errors.Result).Trim());
    }

    private static string? Find() =>
        _usualPlaces.FirstOrDefault(File.Exists)
        ?? (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "bash"))
            .FirstOrDefault(File.Exists);

    [GeneratedRegex(@"\$\{\{.*?\}\}")]
    private static partial Regex TemplateExpression();
}
