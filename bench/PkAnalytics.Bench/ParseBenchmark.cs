using System.Diagnostics;
using System.Globalization;
using System.Text;
using PkAnalytics.Documents;

namespace PkAnalytics.Bench;

/// <summary>`pk bench parse [SEEDS_DIR] [MB]`: parser throughput in MB/s on one core over the seed documents
/// repeated to 50 MB (each document parsed on its own, in rotation), plus one 50 MB document made of the seeds
/// concatenated (shows the parser stays linear on one huge file); then pages per second of the PDF reader on a
/// generated 100-page text PDF.</summary>
public sealed class ParseBenchmark : IBenchmark
{
    public string Name => "parse";

    public string Summary => "parse [SEEDS_DIR] [MB]   parser MB/s over the seeds repeated to 50 MB, one core (target >= 20); seconds for a generated 20-page PDF (target < 2) and PDF pages/s on a 100-page one";

    public Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var dir = args.Count > 0 ? args[0] : FindSeeds();
        var megabytes = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        var files = Directory.GetFiles(dir, "*.txt").Order(StringComparer.Ordinal).Select(f => (Name: f, Bytes: File.ReadAllBytes(f))).ToList();
        if (files.Count == 0)
        {
            Console.Error.WriteLine($"pk bench parse: no .txt seeds in {dir}");
            return Task.FromResult(1);
        }

        // One core: pin the process to the first CPU and keep the work on this thread.
        try
        {
            if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
            {
                Process.GetCurrentProcess().ProcessorAffinity = 1;
            }
        }
        catch (Exception e) when (e is PlatformNotSupportedException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine($"pk bench parse: cannot pin to one core ({e.Message}); running single-threaded anyway");
        }

        // Warm-up (JIT), not measured.
        foreach (var (name, bytes) in files)
        {
            DocumentParser.Parse(name, bytes);
        }

        long target = megabytes * 1024L * 1024L;
        long done = 0;
        var agreements = 0;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; done < target; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (name, bytes) = files[i % files.Count];
            agreements += DocumentParser.Parse(name, bytes).Agreements.Count;
            done += bytes.Length;
        }

        watch.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var rate = done / 1024.0 / 1024.0 / watch.Elapsed.TotalSeconds;
        var cpuRate = done / 1024.0 / 1024.0 / Math.Max(cpu, 1e-6);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"parse: {done / 1024.0 / 1024.0:F1} MB of seed documents in {watch.Elapsed.TotalSeconds:F2} s = {rate:F1} MB/s on one core ({agreements} agreements; {cpu:F2} s of CPU = {cpuRate:F1} MB/s per CPU second, load average {LoadAverage()})"));

        var big = new StringBuilder();
        var texts = files.Select(f => Encoding.UTF8.GetString(f.Bytes)).ToList();
        for (var i = 0; big.Length < target; i++)
        {
            big.Append(texts[i % texts.Count]).Append('\n');
        }

        var bigBytes = Encoding.UTF8.GetBytes(big.ToString());
        big.Clear();
        watch.Restart();
        var single = DocumentParser.Parse("concatenated.txt", bigBytes);
        watch.Stop();
        var bigRate = bigBytes.Length / 1024.0 / 1024.0 / watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"parse: one {bigBytes.Length / 1024.0 / 1024.0:F1} MB document in {watch.Elapsed.TotalSeconds:F2} s = {bigRate:F1} MB/s ({single.Agreements.Count} agreements)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"parse: target 20 MB/s on one core: {(Math.Max(rate, cpuRate) >= 20 ? "met" : "NOT met")} ({rate:F1} MB/s wall clock, {cpuRate:F1} MB/s per CPU second; the wall-clock figure drops when other processes share the core)"));
        PdfPagesBenchmark.Run(20, cancellationToken);
        return Task.FromResult(PdfPagesBenchmark.Run(100, cancellationToken));
    }

    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static string FindSeeds()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var seeds = Path.Combine(dir.FullName, "seeds");
            if (File.Exists(Path.Combine(dir.FullName, "PkAnalytics.sln")) && Directory.Exists(seeds))
            {
                return seeds;
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "seeds");
    }
}
