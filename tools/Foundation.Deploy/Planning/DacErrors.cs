using Microsoft.SqlServer.Dac;

namespace Foundation.Deploy.Planning;

/// <summary>DacFx packs the useful part of an error into Messages; this flattens it into one readable text.</summary>
public static class DacErrors
{
    public static string Describe(DacServicesException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var messages = ex.Messages.Select(m => m.ToString()).Where(m => !string.IsNullOrWhiteSpace(m)).ToList();
        var inner = ex.InnerException?.Message;
        // DacFx often writes the messages into Message too: repeat them only when it did not.
        return messages.Count > 0 && !messages.TrueForAll(m => ex.Message.Contains(m, StringComparison.Ordinal))
            ? ex.Message + Environment.NewLine + string.Join(Environment.NewLine, messages.Select(m => "  " + m))
            : inner is null ? ex.Message : $"{ex.Message} ({inner})";
    }
}
