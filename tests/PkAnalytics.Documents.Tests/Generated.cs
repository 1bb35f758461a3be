using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PkAnalytics.Documents.Tests;

/// <summary>
/// Test documents made in the formats agreements arrive in: PDF by printing HTML through Debian's chromium, scans
/// by rasterising that PDF with pdftoppm and rebuilding an image-only PDF (or one with tesseract's OCR layer).
/// Every tool is one that ./pk installs (chromium, poppler-utils, tesseract-ocr).
/// </summary>
internal static class Generated
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>A PDF printed by chromium from <paramref name="html"/> (A4, no header or footer).</summary>
    public static byte[] PdfFromHtml(string html)
    {
        var dir = Directory.CreateTempSubdirectory("pk-html-");
        try
        {
            var page = Path.Combine(dir.FullName, "doc.html");
            File.WriteAllText(page, html, Encoding.UTF8);
            var pdf = Path.Combine(dir.FullName, "doc.pdf");
            Run("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--no-pdf-header-footer", $"--user-data-dir={Path.Combine(dir.FullName, "profile")}", $"--print-to-pdf={pdf}", "file://" + page);
            return File.ReadAllBytes(pdf);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    /// <summary>A scan of <paramref name="pdf"/>: its pages rasterised (gray, <paramref name="dpi"/>) and put back as
    /// images only (no text layer), or with tesseract's own OCR text layer when <paramref name="ocrLayer"/>.</summary>
    public static byte[] Scan(byte[] pdf, int dpi = 200, bool ocrLayer = false)
    {
        var dir = Directory.CreateTempSubdirectory("pk-scan-");
        try
        {
            var input = Path.Combine(dir.FullName, "in.pdf");
            File.WriteAllBytes(input, pdf);
            Run("pdftoppm", "-r", dpi.ToString(CultureInfo.InvariantCulture), "-gray", "-jpeg", input, Path.Combine(dir.FullName, "p"));
            var pages = Directory.GetFiles(dir.FullName, "p-*.jpg").Order(StringComparer.Ordinal).ToList();
            if (!ocrLayer)
            {
                return ImagePdf(pages.Select(File.ReadAllBytes).ToList(), dpi);
            }

            var list = Path.Combine(dir.FullName, "pages.txt");
            File.WriteAllLines(list, pages);
            Run("tesseract", list, Path.Combine(dir.FullName, "ocr"), "-l", "ind", "--dpi", dpi.ToString(CultureInfo.InvariantCulture), "pdf");
            return File.ReadAllBytes(Path.Combine(dir.FullName, "ocr.pdf"));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    /// <summary>A PDF whose pages are the given JPEG images (DCTDecode), sized for <paramref name="dpi"/>.</summary>
    public static byte[] ImagePdf(IReadOnlyList<byte[]> jpegs, int dpi)
    {
        using var ms = new MemoryStream();
        var offsets = new List<long>();
        void Write(string s) => ms.Write(Encoding.ASCII.GetBytes(s));
        Write("%PDF-1.4\n");
        var count = jpegs.Count;

        // Objects: 1 catalog, 2 pages, then per page: page, contents, image.
        var objects = new List<Action>();
        offsets.Add(ms.Position);
        Write("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        offsets.Add(ms.Position);
        var kids = string.Join(' ', Enumerable.Range(0, count).Select(i => $"{3 + (i * 3)} 0 R"));
        Write($"2 0 obj\n<< /Type /Pages /Kids [{kids}] /Count {count} >>\nendobj\n");
        for (var i = 0; i < count; i++)
        {
            var (w, h, components) = JpegSize(jpegs[i]);
            var pw = w * 72.0 / dpi;
            var ph = h * 72.0 / dpi;
            var page = 3 + (i * 3);
            var pwS = pw.ToString("0.##", CultureInfo.InvariantCulture);
            var phS = ph.ToString("0.##", CultureInfo.InvariantCulture);
            offsets.Add(ms.Position);
            Write($"{page} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pwS} {phS}] /Resources << /XObject << /Im0 {page + 2} 0 R >> >> /Contents {page + 1} 0 R >>\nendobj\n");
            var content = $"q {pwS} 0 0 {phS} 0 0 cm /Im0 Do Q";
            offsets.Add(ms.Position);
            Write($"{page + 1} 0 obj\n<< /Length {content.Length} >>\nstream\n{content}\nendstream\nendobj\n");
            offsets.Add(ms.Position);
            Write($"{page + 2} 0 obj\n<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /{(components == 1 ? "DeviceGray" : "DeviceRGB")} /BitsPerComponent 8 /Filter /DCTDecode /Length {jpegs[i].Length} >>\nstream\n");
            ms.Write(jpegs[i]);
            Write("\nendstream\nendobj\n");
        }

        var xref = ms.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets)
        {
            Write($"{o:D10} 00000 n \n");
        }

        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return ms.ToArray();
    }

    private static (int Width, int Height, int Components) JpegSize(byte[] jpeg)
    {
        for (var i = 2; i + 9 < jpeg.Length;)
        {
            if (jpeg[i] != 0xFF)
            {
                i++;
                continue;
            }

            var marker = jpeg[i + 1];
            var length = (jpeg[i + 2] << 8) | jpeg[i + 3];
            if (marker is >= 0xC0 and <= 0xC3)
            {
                return ((jpeg[i + 7] << 8) | jpeg[i + 8], (jpeg[i + 5] << 8) | jpeg[i + 6], jpeg[i + 9]);
            }

            i += 2 + length;
        }

        throw new InvalidDataException("no JPEG frame header");
    }

    private static void Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var err = p.StandardError.ReadToEndAsync();
        _ = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit((int)Timeout.TotalMilliseconds))
        {
            p.Kill(true);
            throw new TimeoutException($"{tool} did not finish in {Timeout.TotalSeconds} s");
        }

        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({p.ExitCode}): {err.Result}");
        }
    }

    /// <summary>An agreement as an HTML page the way offices write them: a cover with Nama/Jabatan, a bordered
    /// Lampiran table whose cells wrap (narrow columns, numbered items in one cell, a Satuan column) and a budget.</summary>
    public static string AgreementHtml(int copies = 1)
    {
        var sb = new StringBuilder("""
            <html><head><meta charset="utf-8"><style>
            body { font-family: 'Liberation Serif', 'DejaVu Serif', serif; font-size: 11pt; margin: 0; }
            @page { size: A4; margin: 2cm; }
            p.just { text-align: justify; }
            table.t { border-collapse: collapse; width: 100%; }
            table.t td, table.t th { border: 1px solid #000; padding: 2px 4px; vertical-align: top; }
            table.s td { padding: 0 8px; vertical-align: top; }
            .page { page-break-after: always; }
            </style></head><body>
            """);
        for (var k = 0; k < copies; k++)
        {
            sb.Append("""
                <div class="page">
                <p style="text-align:center"><b>PERJANJIAN KINERJA TAHUN 2024<br>DINAS KETAHANAN PANGAN</b></p>
                <p class="just">Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:</p>
                <table class="s"><tr><td>Nama</td><td>:</td><td>SRI WAHYUNI, S.P., M.Si</td></tr>
                <tr><td>Jabatan</td><td>:</td><td>KEPALA DINAS KETAHANAN PANGAN</td></tr></table>
                <p>selanjutnya disebut pihak pertama</p>
                <table class="s"><tr><td>Nama</td><td>:</td><td>Drs. H. ANDI MAPPIASSE</td></tr>
                <tr><td>Jabatan</td><td>:</td><td>BUPATI SIDENRENG RAPPANG</td></tr></table>
                <p>selaku atasan pihak pertama, selanjutnya disebut pihak kedua.</p>
                <p class="just">Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen perencanaan.</p>
                <p style="text-align:right">Pangkajene, 5 Januari 2024</p>
                <table class="s" style="width:100%"><tr><td style="text-align:center">PIHAK KEDUA</td><td style="text-align:center">PIHAK PERTAMA</td></tr></table>
                </div>
                <div class="page">
                <p style="text-align:center"><b>LAMPIRAN I PERJANJIAN KINERJA TAHUN 2024</b></p>
                <table class="t">
                <tr><th style="width:5%">No</th><th style="width:28%">Sasaran Strategis</th><th style="width:37%">Indikator Kinerja</th><th style="width:14%">Satuan</th><th style="width:16%">Target</th></tr>
                <tr><td>1</td><td>Meningkatnya ketersediaan dan keamanan pangan masyarakat</td><td>Persentase cadangan pangan pemerintah daerah yang tersedia sesuai kebutuhan</td><td>Persen</td><td>85,50</td></tr>
                <tr><td>2</td><td>Meningkatnya kualitas konsumsi pangan</td><td>Skor Pola Pangan Harapan (PPH)</td><td>Skor</td><td>88,2</td></tr>
                <tr><td>3</td><td>Terkendalinya keamanan pangan segar</td><td><p>1. Jumlah sampel pangan segar yang diuji</p><p>2. Jumlah pelaku usaha pangan yang dibina</p></td><td>Jumlah</td><td><p>1. 120</p><p>2. 45</p></td></tr>
                </table>
                <p>&nbsp;</p>
                <table class="t">
                <tr><th style="width:5%">No</th><th style="width:60%">Program</th><th style="width:25%">Anggaran</th><th style="width:10%">Keterangan</th></tr>
                <tr><td>1</td><td>Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota</td><td style="text-align:right">Rp 4.125.880.300</td><td>APBD</td></tr>
                <tr><td>2</td><td>Program Peningkatan Diversifikasi dan Ketahanan Pangan Masyarakat</td><td style="text-align:right">Rp 865.400.000</td><td>APBD</td></tr>
                </table>
                <p style="text-align:right">Pangkajene, 5 Januari 2024</p>
                </div>
                """);
        }

        return sb.Append("</body></html>").ToString();
    }
}
