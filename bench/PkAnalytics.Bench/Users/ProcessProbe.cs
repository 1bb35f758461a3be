using System.Globalization;

namespace PkAnalytics.Bench.Users;

/// <summary>CPU time and memory of processes, read from /proc (Linux): who spent the machine's cores during a run.</summary>
internal static class ProcessProbe
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Resident set size of a process in bytes, or null once it has gone.</summary>
    public static long? Rss(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                    return kb * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    /// <summary>One process as /proc/PID/stat tells it.</summary>
    public sealed record Entry(int Pid, int ParentPid, string Name, double OwnSeconds, double ReapedChildrenSeconds);

    public static IReadOnlyDictionary<int, Entry> Snapshot()
    {
        var result = new Dictionary<int, Entry>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                var name = stat[(open + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                // fields[0] = state (field 3); ppid = field 4; utime 14, stime 15, cutime 16, cstime 17.
                var ppid = int.Parse(fields[1], CultureInfo.InvariantCulture);
                double Ticks(int field) => long.Parse(fields[field - 3], CultureInfo.InvariantCulture) / TicksPerSecond;
                result[pid] = new Entry(pid, ppid, name, Ticks(14) + Ticks(15), Ticks(16) + Ticks(17));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
            {
                // gone meanwhile
            }
        }

        return result;
    }

    /// <summary>The process and all its descendants.</summary>
    public static IEnumerable<Entry> Tree(IReadOnlyDictionary<int, Entry> snapshot, int root)
    {
        var children = snapshot.Values.ToLookup(e => e.ParentPid);
        var stack = new Stack<int>([root]);
        while (stack.Count > 0)
        {
            var pid = stack.Pop();
            if (snapshot.TryGetValue(pid, out var entry))
            {
                yield return entry;
            }

            foreach (var child in children[pid])
            {
                stack.Push(child.Pid);
            }
        }
    }

    /// <summary>Busy and total seconds of the whole machine (all cores) since boot, from /proc/stat.</summary>
    public static (double Busy, double Total) Machine()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var values = cpu.Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture) / TicksPerSecond).ToArray();
        var total = values.Sum();
        var idle = values[3] + values[4]; // idle + iowait
        return (total - idle, total);
    }
}
