using Microsoft.SqlServer.Dac;

namespace Foundation.Deploy.Cli;

/// <summary>
/// Forwards a <see cref="DacServices"/> instance's progress events (each step of a compare or deployment, e.g.
/// "Analyzing deployment plan", "Updating database") and its messages to the progress stream. The console is captured
/// when attached, because DacFx may raise the events on a thread of its own.
/// </summary>
public static class DacProgress
{
    public static DacServices Attach(DacServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var console = ToolProgress.Current;
        if (console is null)
        {
            return services;
        }

        services.ProgressChanged += (_, e) =>
        {
            if (e.Status is DacOperationStatus.Running or DacOperationStatus.Faulted)
            {
                console.WriteProgress($"DacFx: {e.Message}{(e.Status == DacOperationStatus.Faulted ? " (failed)" : "...")}");
            }
        };
        services.Message += (_, e) => console.WriteProgress("DacFx: " + e.Message.Message);
        return services;
    }
}
