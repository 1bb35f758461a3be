using System.Reflection;

namespace PkAnalytics.Etl.Commands;

public static class CommandLine
{
    public static IReadOnlyList<ICommand> All { get; } = typeof(ICommand).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICommand).IsAssignableFrom(t))
        .Select(t => (ICommand)Activator.CreateInstance(t)!)
        .OrderBy(c => c.Name, StringComparer.Ordinal)
        .ToList();

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            PrintHelp(output);
            return args.Length == 0 ? 2 : 0;
        }

        var command = All.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            error.WriteLine($"pk etl: unknown command '{args[0]}'.");
            PrintHelp(error);
            return 2;
        }

        try
        {
            return await command.RunAsync(new CommandContext(output, error), args[1..], cancellationToken);
        }
        catch (UsageException e)
        {
            error.WriteLine($"pk etl {command.Name}: {e.Message}");
            error.WriteLine($"usage: pk etl {command.Summary}");
            return 2;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine($"pk etl {command.Name}: cancelled.");
            return 130;
        }
    }

    private static void PrintHelp(TextWriter writer)
    {
        writer.WriteLine("pk etl COMMAND [ARGS]");
        foreach (var command in All)
        {
            writer.WriteLine($"  {command.Summary}");
        }
    }
}
