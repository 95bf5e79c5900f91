using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.ComponentModel;
using System.Reflection;

namespace Foundation.Deploy.Cli;

/// <summary>
/// The help action with one more section: the exit codes, read from <see cref="ExitCode"/>'s descriptions, so
/// <c>--help</c> (root and every verb) can never disagree with the codes the tool returns.
/// </summary>
public sealed class ExitCodeHelp(HelpAction standard) : SynchronousCommandLineAction
{
    /// <summary>Every exit code with its description, in numeric order.</summary>
    public static IReadOnlyList<(int Code, string Name, string Description)> Codes { get; } = Enum.GetValues<ExitCode>()
        .Select(code => ((int)code, code.ToString(), typeof(ExitCode).GetField(code.ToString())!.GetCustomAttribute<DescriptionAttribute>()?.Description ?? string.Empty))
        .OrderBy(c => c.Item1)
        .ToList();

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var result = standard.Invoke(parseResult);
        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine("Exit codes:");
        foreach (var (code, name, description) in Codes)
        {
            output.WriteLine($"  {code}  {name,-17} {description}");
        }

        output.WriteLine();
        output.WriteLine("Progress goes to standard error, the report and results to standard output. docs/deployment.md has the details.");
        output.Flush();
        return result;
    }

    /// <summary>Replaces the root command's help action (which every verb's --help shares) with this one.</summary>
    public static void Install(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new ExitCodeHelp((HelpAction)help.Action!);
    }
}
