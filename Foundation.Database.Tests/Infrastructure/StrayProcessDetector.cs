using System.Diagnostics;
using System.Text;

namespace Foundation.Database.Tests.Infrastructure;

/// <summary>
/// Finds processes left behind by a command: the command runs with a unique environment variable, which every process
/// it starts inherits (task hosts, MSBuild worker nodes, compiler servers), and afterwards any live process that still
/// carries it is a stray. Reads /proc, so Linux only.
/// </summary>
public sealed class StrayProcessDetector
{
    private const string MarkerVariable = "FOUNDATION_STRAY_PROCESS_MARKER";
    private readonly string _marker = $"{MarkerVariable}={Guid.NewGuid():N}";

    public static bool IsSupported => Directory.Exists("/proc/self");

    /// <summary>Marks a process about to start, so that it and everything it starts can be found later.</summary>
    public void Mark(ProcessStartInfo start) => start.Environment[MarkerVariable] = _marker[(MarkerVariable.Length + 1)..];

    /// <summary>The command lines of the marked processes still alive, after giving them <paramref name="grace"/> to exit.</summary>
    public async Task<IReadOnlyList<string>> FindSurvivorsAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + grace;
        while (true)
        {
            var survivors = FindMarked();
            if (survivors.Count == 0 || DateTime.UtcNow >= deadline)
            {
                return survivors;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    /// <summary>Kills what <see cref="FindSurvivorsAsync"/> found, so a failing test leaves nothing running either.</summary>
    public void KillSurvivors()
    {
        foreach (var pid in MarkedProcessIds())
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
                // Exited meanwhile.
            }
        }
    }

    private List<string> FindMarked() =>
        MarkedProcessIds().Select(pid => $"{pid}: {Read($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim()}").ToList();

    private IEnumerable<int> MarkedProcessIds()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            // environ is NUL-separated; a process of another user (or one that exited) cannot be read and is not ours.
            if (Read(Path.Combine(directory, "environ")).Split('\0').Contains(_marker, StringComparer.Ordinal))
            {
                yield return pid;
            }
        }
    }

    private static string Read(string path)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
