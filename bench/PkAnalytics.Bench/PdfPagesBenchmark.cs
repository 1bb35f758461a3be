using System.Diagnostics;
using System.Globalization;
using System.Text;
using PkAnalytics.Documents;

namespace PkAnalytics.Bench;

/// <summary>Pages per second of the PDF reader (word positions, ruling lines, layout, parser) on a generated text
/// PDF: agreements printed by Debian's chromium, two pages each. Part of `pk bench parse`.</summary>
internal static class PdfPagesBenchmark
{
    public static int Run(int pages, CancellationToken cancellationToken)
    {
        byte[] pdf;
        try
        {
            pdf = Generate(pages / 2);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or IOException or TimeoutException)
        {
            Console.WriteLine($"parse: no PDF pages/s figure: the {pages}-page PDF could not be printed with chromium ({e.Message})");
            return 0;
        }

        cancellationToken.ThrowIfCancellationRequested();
        DocumentParser.Parse("warm-up.pdf", pdf);
        var watch = Stopwatch.StartNew();
        var doc = DocumentParser.Parse("generated.pdf", pdf);
        watch.Stop();
        var read = doc.Reading?.Pages ?? 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"parse: a generated {read}-page text PDF in {watch.Elapsed.TotalSeconds:F2} s = {read / watch.Elapsed.TotalSeconds:F1} pages/s ({doc.Agreements.Count} agreements, {doc.Agreements.Sum(a => a.Indicators.Count)} indicators; pdftotext, pdftoppm for ruling lines, layout and parser){(pages == 20 ? (watch.Elapsed.TotalSeconds < 2 ? "; target < 2 s: met" : "; target < 2 s: NOT met") : "")}"));
        return 0;
    }

    private static byte[] Generate(int agreements)
    {
        var sb = new StringBuilder("<html><head><meta charset=\"utf-8\"><style>body{font-family:'Liberation Serif',serif;font-size:11pt} @page{size:A4;margin:2cm} " +
                                   "table.t{border-collapse:collapse;width:100%} table.t td,table.t th{border:1px solid #000;padding:2px 4px;vertical-align:top} .page{page-break-after:always}</style></head><body>");
        for (var k = 1; k <= agreements; k++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"""
                <div class="page"><p style="text-align:center"><b>PERJANJIAN KINERJA TAHUN 2024<br>DINAS CONTOH {k}</b></p>
                <p>Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:</p>
                <p>Nama : PEJABAT {k}, S.E<br>Jabatan : KEPALA DINAS CONTOH {k}</p><p>selanjutnya disebut pihak pertama</p>
                <p>Nama : Drs. H. ALI AKBAR<br>Jabatan : BUPATI LUWU TIMUR</p><p>selaku atasan pihak pertama, selanjutnya disebut pihak kedua.</p>
                <p style="text-align:right">Malili, 4 Januari 2024</p></div>
                <div class="page"><p style="text-align:center"><b>LAMPIRAN I</b></p><table class="t">
                <tr><th>No</th><th>Sasaran Strategis</th><th>Indikator Kinerja</th><th>Satuan</th><th>Target</th></tr>
                """);
            for (var r = 1; r <= 12; r++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{r}</td><td>Meningkatnya kualitas layanan publik bidang {r}</td><td>Persentase layanan bidang {r} yang diselesaikan tepat waktu sesuai standar pelayanan</td><td>Persen</td><td>{80 + r},5</td></tr>");
            }

            sb.Append("</table><p></p><table class=\"t\"><tr><th>No</th><th>Program</th><th>Anggaran</th><th>Keterangan</th></tr>");
            for (var r = 1; r <= 6; r++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{r}</td><td>Program Contoh Nomor {r} Dinas {k}</td><td>Rp {r}.250.000.000</td><td>APBD</td></tr>");
            }

            sb.Append("</table></div>");
        }

        sb.Append("</body></html>");
        var dir = Directory.CreateTempSubdirectory("pk-bench-pdf-");
        try
        {
            var html = Path.Combine(dir.FullName, "doc.html");
            var pdf = Path.Combine(dir.FullName, "doc.pdf");
            File.WriteAllText(html, sb.ToString());
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("PK_CHROMIUM") ?? "chromium")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--no-pdf-header-footer",
                         $"--user-data-dir={Path.Combine(dir.FullName, "profile")}", $"--print-to-pdf={pdf}", "file://" + html })
            {
                start.ArgumentList.Add(a);
            }

            using var p = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
            _ = p.StandardError.ReadToEndAsync();
            _ = p.StandardOutput.ReadToEndAsync();
            if (!p.WaitForExit(180_000))
            {
                p.Kill(true);
                throw new TimeoutException("chromium did not print in 180 s");
            }

            return File.ReadAllBytes(pdf);
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
