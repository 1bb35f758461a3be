using System.Text;

namespace PkAnalytics.Dashboard.Infrastructure;

/// <summary>
/// What an upload may be: a document of a known type (by its extension and by its first bytes, so a renamed
/// executable is not a .pdf), no larger than the configured limit; its name is kept only as a label, cleaned of
/// paths and control characters.
/// </summary>
public static class UploadPolicy
{
    public static IReadOnlyList<string> Extensions => PkAnalytics.Domain.Agreements.DocumentFormats.Extensions;

    public static string Accept => string.Join(",", Extensions);

    /// <summary>Why the file is refused (in Bahasa Indonesia), or null when it is a document we read.</summary>
    public static string? Check(string fileName, ReadOnlySpan<byte> content, long maxBytes)
    {
        var name = SafeFileName(fileName);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!Extensions.Contains(extension))
        {
            return $"{name}: jenis berkas '{extension}' tidak didukung. Unggah .txt, .docx, .xlsx atau .pdf.";
        }

        if (content.Length > maxBytes)
        {
            return $"{name} melebihi batas {maxBytes / 1024 / 1024} MB.";
        }

        if (content.Length == 0)
        {
            return $"{name} kosong.";
        }

        var matches = extension switch
        {
            ".pdf" => content.StartsWith("%PDF-"u8),
            ".docx" or ".xlsx" => content.StartsWith("PK\u0003\u0004"u8),
            _ => LooksLikeText(content),
        };
        return matches ? null : $"{name}: isinya bukan berkas {extension} (tanda awal berkas tidak cocok).";
    }

    /// <summary>The name without folders, control or path characters, at most 120 characters; "dokumen" if nothing is left.</summary>
    public static string SafeFileName(string fileName)
    {
        var last = fileName.Replace('\\', '/').Split('/').LastOrDefault() ?? "";
        var builder = new StringBuilder(last.Length);
        foreach (var c in last)
        {
            if (!char.IsControl(c) && c is not ('<' or '>' or ':' or '"' or '|' or '?' or '*'))
            {
                builder.Append(c);
            }
        }

        var cleaned = builder.ToString().Trim().TrimStart('.');
        if (cleaned.Length > 120)
        {
            var extension = Path.GetExtension(cleaned);
            cleaned = cleaned[..(120 - extension.Length)] + extension;
        }

        return cleaned.Length == 0 ? "dokumen" : cleaned;
    }

    // Text as offices save it: UTF-16 with its byte-order mark (Notepad's "Unicode", read by the document reader),
    // otherwise no NUL bytes in the first 8 KB (a binary renamed .txt has them).
    private static bool LooksLikeText(ReadOnlySpan<byte> content) =>
        content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
        || !content[..Math.Min(content.Length, 8192)].Contains((byte)0);
}
