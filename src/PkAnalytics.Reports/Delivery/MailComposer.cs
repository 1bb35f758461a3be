using System.Net;
using System.Text;
using MimeKit;
using MimeKit.Utils;
using PkAnalytics.Reports.Charts;
using PkAnalytics.Reports.Model;
using PkAnalytics.Reports.Rendering;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Reports.Delivery;

/// <summary>Who a message goes to and why (the subscription it belongs to).</summary>
public sealed record MailAddressee(string Email, string? DisplayName, string SubscriptionName);

/// <summary>
/// The report e-mail: a short HTML body in Bahasa Indonesia with the key figures and one chart as an inline PNG,
/// readable without the PDF; the PDF attached, or a link to it on the dashboard when it is over the size limit.
/// </summary>
public sealed class MailComposer(ReportOptions options)
{
    public sealed record Composed(MimeMessage Message, bool Attached, string? Link);

    public static string Subject(ReportData data) =>
        $"{data.Title} - {data.PeriodLabel}" + (data.HasSampleData ? " (data contoh)" : "");

    /// <summary>Where the same PDF is on the dashboard (scoped like the page).</summary>
    public string PdfLink(ReportRequest request) =>
        options.PublicBaseUrl.TrimEnd('/') + (request.Kind == ReportKind.Kabupaten
            ? $"/laporan/kabupaten.pdf?periode={request.Period}"
            : $"/laporan/opd/{request.AgencyId}.pdf?periode={request.Period}");

    public Composed Compose(RenderedReport report, MailAddressee to, string messageIdKey)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(to);
        var data = report.Data;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.Smtp.From));
        message.To.Add(new MailboxAddress(to.DisplayName ?? "", to.Email));
        message.Subject = Subject(data);
        message.Date = data.GeneratedAt;
        message.MessageId = $"{messageIdKey}@pkanalytics";
        message.Headers.Add("X-PkAnalytics-Report", $"{data.Request.Kind.Code()};{data.Request.AgencyId};{data.Request.Period}");

        var attach = report.Pdf.Length <= options.MaxAttachmentBytes;
        var link = attach ? null : PdfLink(data.Request);
        var builder = new BodyBuilder();
        var chart = EmailChart(data);
        string? chartCid = null;
        if (chart is { } png)
        {
            var image = builder.LinkedResources.Add("grafik.png", png.Bytes, new ContentType("image", "png"));
            image.ContentId = MimeUtils.GenerateMessageId();
            chartCid = image.ContentId;
        }

        builder.HtmlBody = Html(data, to, chart?.Title, chartCid, attach, link, report.Pdf.Length);
        builder.TextBody = Text(data, to, attach, link);
        if (attach)
        {
            builder.Attachments.Add(data.Request.FileName, report.Pdf, new ContentType("application", "pdf"));
        }

        message.Body = builder.ToMessageBody();
        return new Composed(message, attach, link);
    }

    /// <summary>The key figures, as label and value, shared by the HTML and the text body.</summary>
    public static IReadOnlyList<(string Label, string Value)> KeyFigures(ReportData data)
    {
        var p = data.Performance;
        var figures = new List<(string, string)>();
        if (data.Request.Kind == ReportKind.Kabupaten)
        {
            figures.Add(("Perangkat daerah", $"{IndonesianFormat.Integer(p.Agencies.Count)} ({p.AgenciesWithAgreements} dengan perjanjian kinerja)"));
        }

        figures.Add(("Nilai SAKIP" + (data.Request.Kind == ReportKind.Kabupaten ? " (rata-rata)" : ""),
            p.AverageSakipScore is { } s ? $"{IndonesianFormat.Number(s)} ({p.AverageSakipPredicate})" : "belum dinilai"));
        figures.Add(("IKM" + (data.Request.Kind == ReportKind.Kabupaten ? " (rata-rata)" : ""),
            p.AverageIkm is { } v ? $"{IndonesianFormat.Number(v)} ({p.AverageIkmCategory?.Code} {p.AverageIkmCategory?.Name})" : "belum disurvei"));
        figures.Add(("Anggaran", IndonesianFormat.Rupiah(p.TotalBudget)));
        figures.Add(("Realisasi anggaran", $"{IndonesianFormat.Rupiah(p.TotalBudgetRealised)} ({IndonesianFormat.Percent(p.TotalBudget > 0 ? p.TotalBudgetRealised / p.TotalBudget * 100m : null)})"));
        figures.Add(("Indikator bercapaian", $"{IndonesianFormat.Integer(p.IndicatorsWithCapaian)} dari {IndonesianFormat.Integer(p.IndicatorCount)}"));
        figures.Add(("Perlu perhatian", p.NeedingAttention.Count == 0 ? "tidak ada"
            : data.Request.Kind == ReportKind.Opd ? string.Join("; ", p.NeedingAttention[0].AttentionReasons)
            : string.Join("; ", p.NeedingAttention.Take(5).Select(a => a.Name)) + (p.NeedingAttention.Count > 5 ? $" dan {p.NeedingAttention.Count - 5} lainnya" : "")));
        figures.Add(("Temuan data", IndonesianFormat.Integer(data.FindingTotal)));
        return figures;
    }

    private sealed record EmailPng(string Title, byte[] Bytes);

    private static EmailPng? EmailChart(ReportData data)
    {
        var model = data.Performance;
        if (data.Indicators.Any(i => i.Capaian is not null))
        {
            var points = ReportDataReader.BandPoints(model);
            return new EmailPng("Distribusi capaian indikator", ReportCharts.Png(ReportCharts.Columns(points, "Indikator"), 260));
        }

        if (data.Programs.Any(p => p.Amount > 0))
        {
            var top = data.Programs.Take(5).Select(p => (p.Program, p.Amount, p.Realised)).ToList();
            return new EmailPng("Anggaran dan realisasi, 5 program terbesar (juta Rp)", ReportCharts.Png(ReportCharts.BudgetBars(top), ReportCharts.HeightFor(top.Count)));
        }

        var sakip = ReportDataReader.SakipPoints(model);
        return sakip.Count > 0
            ? new EmailPng("Nilai SAKIP", ReportCharts.Png(ReportCharts.HorizontalBars(sakip, "Nilai SAKIP", 100), ReportCharts.HeightFor(sakip.Count)))
            : null;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private string Html(ReportData data, MailAddressee to, string? chartTitle, string? cid, bool attached, string? link, int pdfBytes)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"id\"><body style=\"font-family:'DejaVu Sans',Arial,sans-serif;font-size:14px;color:#1a1a1a;max-width:640px\">");
        html.Append($"<p>Yth. {E(to.DisplayName ?? to.Email)},</p>");
        html.Append($"<p>Berikut <strong>{E(data.Title)}</strong> periode <strong>{E(data.PeriodLabel)}</strong> (tahun kinerja {data.Year}).");
        if (data.HasSampleData)
        {
            html.Append(" <span style=\"background:#fff3cd;color:#7a4b00;border:1px solid #e0b84c;border-radius:8px;padding:0 6px;font-weight:bold\">Data contoh</span>");
        }

        html.Append("</p><table style=\"border-collapse:collapse\" data-figures=\"1\">");
        foreach (var (label, value) in KeyFigures(data))
        {
            html.Append($"<tr><td style=\"padding:3px 12px 3px 0;color:#546e7a\">{E(label)}</td><td style=\"padding:3px 0;font-weight:bold\">{E(value)}</td></tr>");
        }

        html.Append("</table>");
        if (cid is not null)
        {
            html.Append($"<p style=\"margin-top:14px\"><strong>{E(chartTitle ?? "")}</strong><br><img src=\"cid:{cid}\" alt=\"{E(chartTitle ?? "grafik")}\" width=\"560\"></p>");
        }

        html.Append(attached
            ? "<p>Laporan lengkap (PDF) terlampir.</p>"
            : $"<p>Laporan lengkap ({IndonesianFormat.Number(pdfBytes / 1024m / 1024m, 1)} MB) terlalu besar untuk dilampirkan; unduh di <a href=\"{E(link!)}\">{E(link!)}</a>.</p>");
        html.Append($"<p style=\"color:#757575;font-size:12px\">Dikirim otomatis oleh PkAnalytics pada {E(IndonesianFormat.DateTime(data.GeneratedAt, data.ZoneAbbreviation))} " +
                    $"(langganan \"{E(to.SubscriptionName)}\"). Data dokumen terakhir dimuat {E(data.LastDocumentLoadedAt is { } l ? IndonesianFormat.DateTime(l, data.ZoneAbbreviation) : "belum pernah")}.</p>");
        html.Append("</body></html>");
        return html.ToString();
    }

    private static string Text(ReportData data, MailAddressee to, bool attached, string? link)
    {
        var text = new StringBuilder();
        text.AppendLine($"Yth. {to.DisplayName ?? to.Email},").AppendLine();
        text.AppendLine($"Berikut {data.Title} periode {data.PeriodLabel} (tahun kinerja {data.Year}).{(data.HasSampleData ? " Data contoh." : "")}").AppendLine();
        foreach (var (label, value) in KeyFigures(data))
        {
            text.AppendLine($"- {label}: {value}");
        }

        text.AppendLine().AppendLine(attached ? "Laporan lengkap (PDF) terlampir." : $"Laporan lengkap terlalu besar untuk dilampirkan; unduh di {link}");
        return text.ToString();
    }
}
