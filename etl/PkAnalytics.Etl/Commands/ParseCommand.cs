using System.Globalization;
using PkAnalytics.Documents;
using PkAnalytics.Domain.Agreements;

namespace PkAnalytics.Etl.Commands;

/// <summary>`pk etl parse [--format json|text] PATH...`: parses documents (files or folders) and prints the parser
/// output contract (docs/parser-contract.md) as JSON, or a readable summary. No database needed.</summary>
public sealed class ParseCommand : ICommand
{
    // The text summary is for Indonesian readers: Rupiah grouped with dots, as the findings' messages are.
    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    private static IReadOnlyList<string> Extensions => PkAnalytics.Documents.DocumentParser.SupportedExtensions;

    public string Name => "parse";

    public string Summary => "parse [--format json|text] PATH...   parse PK documents (files or folders) and print agreements and findings";

    public Task<int> RunAsync(CommandContext context, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var format = "json";
        var paths = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--format")
            {
                if (i + 1 >= args.Count)
                {
                    throw new UsageException("--format needs a value: json or text");
                }

                format = args[++i];
            }
            else if (a.StartsWith("--format=", StringComparison.Ordinal))
            {
                format = a["--format=".Length..];
            }
            else if (a.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"unknown option {a}");
            }
            else
            {
                paths.Add(a);
            }
        }

        if (format is not ("json" or "text"))
        {
            throw new UsageException($"unknown format '{format}': use json or text");
        }

        if (paths.Count == 0)
        {
            throw new UsageException("give at least one file or folder");
        }

        var files = new List<string>();
        var missing = 0;
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
            {
                files.AddRange(Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(p))
            {
                files.Add(p);
            }
            else
            {
                context.Error.WriteLine($"pk etl parse: {p}: no such file or folder");
                missing++;
            }
        }

        var documents = new List<ParsedDocument>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = System.Diagnostics.Stopwatch.StartNew();
            var doc = DocumentParser.ParseFile(file);
            documents.Add(doc);
            var findings = doc.Findings.Count + doc.Agreements.Sum(a => a.Findings.Count);
            context.Error.WriteLine($"parsed {file}: {doc.Agreements.Count} agreements, {findings} findings ({started.ElapsedMilliseconds} ms)");
        }

        if (format == "json")
        {
            context.Out.WriteLine(ParsedDocumentJson.Serialize(documents));
        }
        else
        {
            foreach (var doc in documents)
            {
                WriteText(context.Out, doc);
            }
        }

        return Task.FromResult(missing > 0 ? 1 : 0);
    }

    internal static void WriteText(TextWriter w, ParsedDocument doc)
    {
        w.WriteLine($"{doc.Source} ({doc.Format}) - {doc.Agency ?? "agency unknown"} - {doc.Agreements.Count} agreements");
        foreach (var f in doc.Findings)
        {
            w.WriteLine($"  ! {Severity(f.Severity)} {f.Code} line {f.Line}: {f.Message}");
        }

        var n = 0;
        foreach (var a in doc.Agreements)
        {
            n++;
            var kind = a.Kind == AgreementKind.Amendment ? "amendment" : "original";
            w.WriteLine($"  {n}. line {a.Line}, {kind} {a.Year}, {a.Place ?? "?"} {a.Date?.ToString() ?? "?"}");
            w.WriteLine($"     first party : {a.FirstParty.Name} - {a.FirstParty.Position}");
            w.WriteLine($"     second party: {a.SecondParty.Name} - {a.SecondParty.Position}");
            var topLevel = a.Budget.Count == 0 ? BudgetLevel.Program : a.Budget.Min(x => x.Level);
            var total = a.Budget.Where(b => b.Level == topLevel).Sum(b => b.Amount);
            w.WriteLine($"     {a.Indicators.Count} indicators, {a.Budget.Count} budget lines (top level Rp {total.ToString("#,0", Indonesian)}), {a.ExplanationTargets.Count} Lampiran 2 targets");
            foreach (var f in a.Findings)
            {
                w.WriteLine($"     ! {Severity(f.Severity)} {f.Code} line {f.Line}: {f.Message}");
            }
        }

        w.WriteLine();
    }

    private static string Severity(FindingSeverity s) => s switch
    {
        FindingSeverity.Info => "info",
        FindingSeverity.Warning => "warning",
        _ => "error",
    };
}
