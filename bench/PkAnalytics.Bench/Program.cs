using System.Globalization;
using PkAnalytics.Bench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var benchmarks = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmark).IsAssignableFrom(t))
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
{
    Console.WriteLine("pk bench NAME [ARGS]");
    foreach (var benchmark in benchmarks)
    {
        Console.WriteLine($"  {benchmark.Summary}");
    }

    return args.Length == 0 ? 2 : 0;
}

var chosen = benchmarks.FirstOrDefault(b => b.Name == args[0]);
if (chosen is null)
{
    Console.Error.WriteLine($"pk bench: unknown benchmark '{args[0]}' (pk bench help lists them)");
    return 2;
}

var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await chosen.RunAsync(args[1..], cancellation.Token);
