using System.Diagnostics;
using System.Globalization;
using PkAnalytics.Bench.Corpus;

namespace PkAnalytics.Bench;

/// <summary>`pk bench corpus --agencies N --years Y [--out DIR]`: synthetic documents from the seeds.</summary>
public sealed class CorpusBenchmark : IBenchmark
{
    public string Name => "corpus";

    public string Summary => "corpus --agencies N --years Y [--out DIR (.pk/corpus)] [--seed S]   write N x Y synthetic PK documents varied from seeds/";

    public Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        BenchArgs options;
        try
        {
            options = BenchArgs.Parse(args, ["--agencies", "--years", "--out", "--seed", "--seeds"]);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"pk bench {Name}: {e.Message}\nusage: pk bench {Summary}");
            return Task.FromResult(2);
        }

        var agencies = options.Int("--agencies", 10);
        var years = options.Int("--years", 1);
        var output = options.Get("--out") ?? Path.Combine(Directory.GetCurrentDirectory(), ".pk", "corpus"); // .pk/ is not committed
        var seeds = Directory.GetFiles(options.Get("--seeds") ?? BenchArgs.SeedsFolder(), "*.txt").Order(StringComparer.Ordinal).ToList();
        if (seeds.Count == 0)
        {
            Console.Error.WriteLine("pk bench corpus: no seed documents found (give --seeds DIR)");
            return Task.FromResult(2);
        }

        var clock = Stopwatch.StartNew();
        var files = new CorpusGenerator(seeds, options.Int("--seed", 4)).Generate(output, agencies, years);
        var bytes = files.Sum(f => new FileInfo(f).Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"corpus: {files.Count} documents ({agencies} agencies x {years} years), {bytes / 1024.0 / 1024.0:0.0} MB in {output} ({clock.Elapsed.TotalSeconds:0.0} s)"));
        return Task.FromResult(0);
    }
}

internal sealed class BenchArgs
{
    private readonly Dictionary<string, string?> values = new(StringComparer.Ordinal);

    public static BenchArgs Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valued, IReadOnlyCollection<string>? flags = null)
    {
        var result = new BenchArgs();
        for (var i = 0; i < args.Count; i++)
        {
            if (valued.Contains(args[i]) && i + 1 < args.Count)
            {
                result.values[args[i]] = args[++i];
            }
            else if (flags?.Contains(args[i]) == true)
            {
                result.values[args[i]] = null;
            }
            else
            {
                throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        return result;
    }

    public string? Get(string name) => values.GetValueOrDefault(name);

    public bool Has(string name) => values.ContainsKey(name);

    public int Int(string name, int fallback) =>
        values.TryGetValue(name, out var v) && int.TryParse(v, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

    /// <summary>seeds/ of the checkout the benchmark binary was built in.</summary>
    public static string SeedsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PkAnalytics.sln")))
            {
                return Path.Combine(dir.FullName, "seeds");
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "seeds");
    }
}
