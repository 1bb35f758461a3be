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
        if (extension is ".doc" or ".xls" or ".xlsx" or ".ppt" or ".pptx" or ".odt")
        {
            return Unreadable(source, format, sha, $"{source}: berkas {extension} tidak dapat dibaca; simpan dokumen sebagai .docx, .pdf, atau .txt");
        }

        try
        {
            string text;
            string problem;
            var ok = format switch
            {
                "docx" => DocxReader.TryRead(content, out text, out problem),
                "pdf" => PdfReader.TryRead(content, out text, out problem),
                _ => TextDecoding.TryDecode(content, out text, out problem),
            };
            if (!ok)
            {
                return Unreadable(source, format, sha, $"{source}: {problem}");
            }

            var (agency, agreements, findings) = PkParser.Parse(text);
            return new ParsedDocument(source, sha, format, agency, agreements, findings);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Unreadable(source, format, sha, $"{source}: parser gagal membaca dokumen: {e.Message}");
        }
    }

    internal static string FormatOf(string source)
    {
        var ext = Path.GetExtension(source).ToLowerInvariant();
        return ext switch
        {
            ".docx" => "docx",
            ".pdf" => "pdf",
            _ => "txt",
        };
    }

    internal static ParsedDocument Unreadable(string source, string format, string sha, string message) =>
        new(source, sha, format, null, [], [new Finding("unreadable_document", FindingSeverity.Error, message, 0)]);
}
