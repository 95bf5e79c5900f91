using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Foundation.Bench;

/// <summary>
/// Runs a child process and measures its wall time and the peak resident memory of its whole process tree
/// (dotnet build starts MSBuild worker nodes and the DacFx task host as children).
/// On Linux it samples /proc/&lt;pid&gt;/status (VmRSS summed over the tree, and each process's VmHWM high-water mark)
/// every <see cref="SampleInterval"/>; the peak is the larger of the two. Elsewhere it falls back to the root
/// process's peak working set.
/// </summary>
public static class ProcessSampler
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(20);

    private static readonly bool _procAvailable = OperatingSystem.IsLinux() && Directory.Exists("/proc/self/task");

    public static async Task<ProcessRun> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // No first-run banner, telemetry or MSBuild server: each child pays its own start-up, like a developer's build.
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        startInfo.Environment["MSBUILDTERMINALLOGGER"] = "off";
        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                startInfo.Environment[name] = value;
            }
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);

        var watch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var stopSampling = new CancellationTokenSource();
        var sampling = _procAvailable
            ? Task.Run(() => SampleTree(process.Id, stopSampling.Token))
            : Task.FromResult(0L);

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await stopSampling.CancelAsync();
            await sampling;
            throw new TimeoutException($"'{fileName} {string.Join(' ', startInfo.ArgumentList)}' ran longer than {timeout} and was stopped.");
        }

        watch.Stop();
        await stopSampling.CancelAsync();
        var peak = await sampling;
        if (!_procAvailable)
        {
            peak = process.PeakWorkingSet64;
        }

        return new ProcessRun(process.ExitCode, watch.Elapsed, peak, Locked(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Locked(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static long SampleTree(int rootId, CancellationToken stop)
    {
        long peakSum = 0;
        var highWater = new Dictionary<int, long>();
        while (!stop.IsCancellationRequested)
        {
            long sum = 0;
            foreach (var pid in Tree(rootId))
            {
                var (rss, hwm) = ReadStatus(pid);
                sum += rss;
                if (hwm > 0)
                {
                    highWater[pid] = Math.Max(hwm, highWater.GetValueOrDefault(pid));
                }
            }

            peakSum = Math.Max(peakSum, sum);
            stop.WaitHandle.WaitOne(SampleInterval);
        }

        // A process that lived shorter than one sample still left its high-water mark; a tree's sum can't be below its largest member.
        return Math.Max(peakSum, highWater.Count == 0 ? 0 : highWater.Values.Max());
    }

    /// <summary>The process and all its descendants, from /proc/&lt;pid&gt;/task/&lt;tid&gt;/children.</summary>
    public static IReadOnlyList<int> Tree(int rootId)
    {
        var result = new List<int>();
        var pending = new Stack<int>();
        pending.Push(rootId);
        while (pending.Count > 0)
        {
            var pid = pending.Pop();
            result.Add(pid);
            try
            {
                foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
                {
                    var children = File.ReadAllText(Path.Combine(task, "children"));
                    foreach (var child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        pending.Push(int.Parse(child, CultureInfo.InvariantCulture));
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended between two reads.
            }
        }

        return result;
    }

    private static (long Rss, long Hwm) ReadStatus(int pid)
    {
        try
        {
            long rss = 0, hwm = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kilobytes(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kilobytes(line);
                }
            }

            return (rss, hwm);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (0, 0);
        }
    }

    private static long Kilobytes(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
    }
}
