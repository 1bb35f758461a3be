using System.Security.Cryptography;
using PkAnalytics.Domain.Agreements;

namespace PkAnalytics.Documents;

/// <summary>
/// Entry point of the Perjanjian Kinerja parser: reads a .txt, .docx or .pdf document and returns its agreements
/// and findings. Never throws on bad input: an unreadable document comes back with an `unreadable_document` finding.
/// </summary>
public static class DocumentParser
{
    /// <summary>Reads and parses the file at <paramref name="path"/>; the source is the path as given.</summary>
    public static ParsedDocument ParseFile(string path)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Unreadable(path, FormatOf(path), string.Empty, $"berkas {path} tidak dapat dibaca: {e.Message}");
        }

        return Parse(path, content);
    }

    /// <summary>Parses <paramref name="content"/>; the format is chosen by the extension of <paramref name="source"/>.</summary>
    public static ParsedDocument Parse(string source, byte[] content)
    {
        var format = FormatOf(source);
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var extension = Path.GetExtension(source).ToLowerInvariant();
        if (extension is ".doc" or ".xls" or ".ppt" or ".pptx" or ".odt")
        {
            return Unreadable(source, format, sha, $"{source}: berkas {extension} tidak dapat dibaca; simpan dokumen sebagai .docx, .xlsx, .pdf, atau .txt");
        }

        var tooLarge = DocumentLimits.CheckInput(content) ?? (format is "docx" or "xlsx" ? DocumentLimits.CheckZip(content) : null);
        if (tooLarge is not null)
        {
            return TooLarge(source, format, sha, tooLarge);
        }

        try
        {
            if (!TryReadText(format, content, out var text, out var layout, out var problem))
            {
                return problem.StartsWith(TooLargePrefix, StringComparison.Ordinal)
                    ? TooLarge(source, format, sha, problem[TooLargePrefix.Length..])
                    : Unreadable(source, format, sha, $"{source}: {problem}");
            }

            if (DocumentLimits.CheckText(text) is { } tooMuchText)
            {
                return TooLarge(source, format, sha, tooMuchText);
            }

            var (agency, agreements, findings) = PkParser.Parse(text);
            if (DocumentLimits.CheckAgreements(agreements.Count) is { } tooMany)
            {
                return TooLarge(source, format, sha, tooMany);
            }

            var reading = layout is null ? null : Reading(layout);
            if (reading is { OcrPages: > 0 } || reading is { OcrLayerPages: > 0 })
            {
                findings.Insert(0, OcrFinding(reading));
            }

            return new ParsedDocument(source, sha, format, agency, agreements, findings) { Reading = reading };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Unreadable(source, format, sha, $"{source}: parser gagal membaca dokumen: {e.Message}");
        }
    }

    /// <summary>The text the parser reads for a document (for .docx, .xlsx and .pdf: the layout model written as
    /// lines, table rows with tab-separated cells), or null with the problem when it cannot be read.</summary>
    public static string? ReadText(string source, byte[] content, out string problem) =>
        TryReadText(FormatOf(source), content, out var text, out _, out problem) ? text : null;

    private static bool TryReadText(string format, byte[] content, out string text, out Layout.LayoutDocument? layout, out string problem)
    {
        layout = null;
        text = string.Empty;
        bool ok;
        switch (format)
        {
            case "docx":
                ok = DocxReader.TryRead(content, out layout, out problem);
                break;
            case "xlsx":
                ok = XlsxReader.TryRead(content, out layout, out problem);
                break;
            case "pdf":
                ok = Layout.PdfLayoutReader.TryRead(content, out var pdf, out problem);
                layout = pdf;
                break;
            default:
                return Domain.Text.TextDecoding.TryDecode(content, out text, out problem);
        }

        if (ok && layout is not null)
        {
            text = layout.ToText();
        }

        return ok;
    }

    private static DocumentReading Reading(Layout.LayoutDocument layout) => new(
        layout.Pages,
        layout.OcrPages.Count,
        layout.OcrPages.Count == 0 ? null : Math.Round(layout.OcrPages.Average(p => p.Seconds), 2),
        layout.OcrLayerPages.Count);

    /// <summary>The document's text came (partly) from OCR: names and numbers deserve a look against the scan.</summary>
    private static Finding OcrFinding(DocumentReading reading)
    {
        var parts = new List<string>();
        if (reading.OcrPages > 0)
        {
            parts.Add($"{reading.OcrPages} halaman hasil pindaian dibaca dengan OCR (tesseract, model bahasa Indonesia dan Inggris; {reading.OcrSecondsPerPage?.ToString("0.0", System.Globalization.CultureInfo.GetCultureInfo("id-ID"))} detik per halaman)");
        }

        if (reading.OcrLayerPages > 0)
        {
            parts.Add($"{reading.OcrLayerPages} halaman hasil pindaian dibaca dari lapisan teks OCR yang sudah ada di PDF");
        }

        return new Finding("ocr_text", FindingSeverity.Info,
            $"teks dokumen berasal dari OCR: {string.Join("; ", parts)}; periksa nama, target, dan anggaran terhadap dokumen asli", 0);
    }

    /// <summary>The file extensions the parser reads (every other file is not a document to it).</summary>
    public static IReadOnlyList<string> SupportedExtensions => DocumentFormats.Extensions;

    internal static string FormatOf(string source)
    {
        var ext = Path.GetExtension(source).ToLowerInvariant();
        return ext switch
        {
            ".docx" => "docx",
            ".xlsx" => "xlsx",
            ".pdf" => "pdf",
            _ => "txt",
        };
    }

    /// <summary>A reader's problem that is a bound, not damage (the reader prefixes it).</summary>
    internal const string TooLargePrefix = "terlalu besar: ";

    private static ParsedDocument TooLarge(string source, string format, string sha, string reason) =>
        new(source, sha, format, null, [], [new Finding(DocumentLimits.FindingCode, FindingSeverity.Error, $"{source}: dokumen terlalu besar untuk dibaca: {reason}", 0)]);

    internal static ParsedDocument Unreadable(string source, string format, string sha, string message) =>
        new(source, sha, format, null, [], [new Finding("unreadable_document", FindingSeverity.Error, message, 0)]);
}
