namespace PkAnalytics.Etl.Commands;

/// <summary>
/// One `pk etl NAME ...` command. Implementations are discovered by reflection, so adding a command is adding
/// a class. Output for machines goes to <see cref="CommandContext.Out"/>, logs and progress to Error.
/// </summary>
public interface ICommand
{
    string Name { get; }

    /// <summary>One line for `pk etl help`, starting with the usage.</summary>
    string Summary { get; }

    Task<int> RunAsync(CommandContext context, IReadOnlyList<string> args, CancellationToken cancellationToken);
}

public sealed class CommandContext(TextWriter output, TextWriter error)
{
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;

    /// <summary>The database connection string (PK_DB), resolved only by commands that need a database.</summary>
    public string ConnectionString => Warehouse.WarehouseOptions.ResolveConnectionString(null);
}

/// <summary>Thrown for a wrong command line; printed without a stack trace, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
