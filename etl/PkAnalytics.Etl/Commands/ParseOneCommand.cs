using PkAnalytics.Documents;
using PkAnalytics.Domain.Agreements;

namespace PkAnalytics.Etl.Commands;

/// <summary>The child side of <see cref="Inbox.BoundedParser"/>: parses one file and writes the transfer JSON.</summary>
public sealed class ParseOneCommand : ICommand
{
    public string Name => "parse-one";

    public string Summary => "parse-one FILE [--source NAME]   (internal) parse one document for the worker, in a bounded process";

    public async Task<int> RunAsync(CommandContext context, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (args.Count is not (1 or 3) || (args.Count == 3 && args[1] != "--source"))
        {
            throw new UsageException("takes one file and an optional --source NAME");
        }

        var path = args[0];
        var source = args.Count == 3 ? args[2] : path;
        var parsed = DocumentParser.Parse(source, await File.ReadAllBytesAsync(path, cancellationToken));
        await context.Out.WriteAsync(ParsedDocumentTransfer.Serialize(parsed));
        return 0;
    }
}
