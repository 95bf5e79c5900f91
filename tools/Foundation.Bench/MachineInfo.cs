using System.Globalization;
using System.Runtime.InteropServices;

namespace Foundation.Bench;

/// <summary>The machine a run came from, printed above every table (figures mean little without it).</summary>
public sealed record MachineInfo(int Cores, double MemoryGiB, string Os, string Runtime, string DateUtc, string LoadAverage)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        TotalMemoryGiB(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        LoadAverageNow());

    /// <summary>The 1/5/15-minute load averages, to tell a quiet machine from a shared one; "n/a" off Linux.</summary>
    public static string LoadAverageNow()
    {
        try
        {
            return File.Exists("/proc/loadavg")
                ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
                : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    public override string ToString() =>
        $"{Cores} cores, {MemoryGiB:F1} GiB, {Os}, {Runtime}, {DateUtc}, load average {LoadAverage}";

    private static double TotalMemoryGiB()
    {
        try
        {
            if (File.Exists("/proc/meminfo"))
            {
                var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
                var kilobytes = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                return kilobytes / 1048576.0;
            }
        }
        catch (IOException)
        {
        }

        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0;
    }
}
