using System.Globalization;
using System.IO.Compression;

namespace PkAnalytics.Documents;

/// <summary>
/// How much a document may be and expand to before the parser refuses it (a `document_too_large` error, nothing
/// read). Real Perjanjian Kinerja sets are a few megabytes, a few hundred pages and at most some hundred
/// agreements; these bounds are an order of magnitude above that and keep a hostile or broken file (a zip that
/// expands a thousandfold, a 50 MB text of repeated covers) from taking the memory and time of a whole server.
/// </summary>
public static class DocumentLimits
{
    public const long MaxInputBytes = 64L * 1024 * 1024;
    public const long MaxUnzippedBytes = 200L * 1024 * 1024;
    public const int MaxZipEntries = 5_000;
    public const int MaxTextChars = 16 * 1024 * 1024;
    public const int MaxLines = 250_000;
    public const int MaxPdfPages = 400;
    public const int MaxOcrPages = 80;
    public const int MaxAgreements = 500;

    public const string FindingCode = "document_too_large";

    private static readonly CultureInfo Id = CultureInfo.GetCultureInfo("id-ID");

    internal static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("#,0.#", Id) + " MB";

    /// <summary>Why the file is too large to read, or null.</summary>
    internal static string? CheckInput(byte[] content) => content.LongLength > MaxInputBytes
        ? $"berkas berukuran {Megabytes(content.LongLength)}, melebihi batas {Megabytes(MaxInputBytes)} untuk satu dokumen; pisahkan dokumennya"
        : null;

    /// <summary>
    /// Why a .docx / .xlsx (a zip) expands too far, or null. Counts what its entries really decompress to (the
    /// sizes in a zip's directory can lie), stopping as soon as the bound is passed, so the check itself is bounded.
    /// </summary>
    internal static string? CheckZip(byte[] content)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (archive.Entries.Count > MaxZipEntries)
            {
                return $"berkas berisi {archive.Entries.Count} bagian, melebihi batas {MaxZipEntries}";
            }

            var total = 0L;
            var buffer = new byte[81920];
            foreach (var entry in archive.Entries)
            {
                using var stream = entry.Open();
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    total += read;
                    if (total > MaxUnzippedBytes)
                    {
                        return $"isi berkas mengembang menjadi lebih dari {Megabytes(MaxUnzippedBytes)} setelah dibuka (bagian {entry.FullName}); berkas seperti ini tidak dibaca";
                    }
                }
            }

            return null;
        }
        catch (InvalidDataException)
        {
            return null; // not a valid zip: the reader says so in its own words
        }
    }

    internal static string? CheckText(string text)
    {
        if (text.Length > MaxTextChars)
        {
            return $"teks dokumen berisi {text.Length.ToString("N0", Id)} karakter, melebihi batas {MaxTextChars.ToString("N0", Id)}";
        }

        var lines = 1;
        foreach (var c in text)
        {
            if (c == '\n' && ++lines > MaxLines)
            {
                return $"teks dokumen berisi lebih dari {MaxLines.ToString("N0", Id)} baris";
            }
        }

        return null;
    }

    internal static string? CheckAgreements(int count) => count > MaxAgreements
        ? $"dokumen berisi {count.ToString("N0", Id)} perjanjian kinerja, melebihi batas {MaxAgreements.ToString("N0", Id)} untuk satu dokumen; pisahkan per perangkat daerah"
        : null;
}
