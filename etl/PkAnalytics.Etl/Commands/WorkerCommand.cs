using PkAnalytics.Etl.Inbox;
using PkAnalytics.Warehouse;
using PkAnalytics.Warehouse.Inbox;
using PkAnalytics.Warehouse.Loading;
using PkAnalytics.Warehouse.Data;

namespace PkAnalytics.Etl.Commands;

public sealed class WorkerCommand : ICommand
{
    public string Name => "worker";

    public string Summary =>
        "worker [--once] [--poll SECONDS] [--name NAME] [--parse-timeout SECONDS] [--parse-memory-mb MB]   read and load documents uploaded to the inbox (LISTEN/NOTIFY + polling) until stopped; each document is parsed in a child process bounded to 300 s and 1536 MB by default";

    public async Task<int> RunAsync(CommandContext context, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var once = false;
        var poll = 5.0;
        var name = $"{Environment.MachineName}:{Environment.ProcessId}";
        var parseSeconds = 300.0;
        var parseMegabytes = 1536;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--once":
                    once = true;
                    break;
                case "--poll" when i + 1 < args.Count && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var p) && p > 0:
                    poll = p;
                    i++;
                    break;
                case "--name" when i + 1 < args.Count:
                    name = args[++i];
                    break;
                case "--parse-timeout" when i + 1 < args.Count && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var t) && t > 0:
                    parseSeconds = t;
                    i++;
                    break;
                case "--parse-memory-mb" when i + 1 < args.Count && int.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var m) && m >= 16:
                    parseMegabytes = m;
                    i++;
                    break;
                default:
                    throw new UsageException($"unknown argument '{args[i]}'");
            }
        }

        await using var dataSource = WarehouseServiceCollectionExtensions.CreateDataSource(context.ConnectionString);
        await new SchemaMigrator(dataSource).MigrateAsync(cancellationToken);
        // Every document is read in a child process with a memory and time bound: a hostile upload cannot take the worker down.
        var parser = BoundedParser.ForThisExecutable(TimeSpan.FromSeconds(parseSeconds), parseMegabytes * 1024L * 1024L);
        var worker = new InboxWorker(new InboxQueue(dataSource), new DocumentLoader(dataSource), name, context.Error)
        {
            PollInterval = TimeSpan.FromSeconds(poll),
            Parse = parser.Parse,
        };
        if (once)
        {
            var done = await worker.DrainAsync(cancellationToken);
            context.Out.WriteLine($"processed {done.Count} inbox item(s)");
            return 0;
        }

        await worker.RunAsync(cancellationToken);
        context.Error.WriteLine($"worker {name}: stopped");
        return 0;
    }
}
