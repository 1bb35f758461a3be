using System.Diagnostics;
using PkAnalytics.Reports.Model;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Reports.Rendering;

/// <summary>A report as produced: its data, the HTML it was printed from, and the PDF.</summary>
public sealed record RenderedReport(ReportData Data, string Html, byte[] Pdf, TimeSpan Elapsed)
{
    /// <summary>Where the time went: reading (with the charts), HTML, printing.</summary>
    public (TimeSpan Read, TimeSpan Html, TimeSpan Pdf) Steps { get; init; }
}

/// <summary>Read (with the viewer's scope) -> Razor components -> HTML -> A4 PDF.</summary>
public sealed class ReportGenerator(ReportDataReader reader, ReportHtmlRenderer renderer, PdfPrinter printer)
{
    public async Task<string> HtmlAsync(ReportRequest request, ViewerScope scope, CancellationToken cancellationToken = default)
    {
        var data = await reader.ReadAsync(request, scope, cancellationToken);
        return await renderer.RenderAsync(data);
    }

    public async Task<RenderedReport> RenderAsync(ReportRequest request, ViewerScope scope, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var data = await reader.ReadAsync(request, scope, cancellationToken);
        var read = clock.Elapsed;
        var html = await renderer.RenderAsync(data);
        var rendered = clock.Elapsed;
        var pdf = await printer.PrintAsync(html, data, cancellationToken);
        return new RenderedReport(data, html, pdf, clock.Elapsed) { Steps = (read, rendered - read, clock.Elapsed - rendered) };
    }
}
