using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace PkAnalytics.Documents.Layout;

/// <summary>
/// Reads a PDF into the layout model from word positions: `pdftotext -bbox-layout` for the text layer, ruling
/// lines from a low-resolution raster of the page (`pdftoppm`), and OCR (`tesseract`, Indonesian, 300 dpi) for pages
/// without a text layer or whose OCR layer is poor. Every tool runs as a bounded subprocess.
/// </summary>
internal static partial class PdfLayoutReader
{
    public static ExternalTool PdfToText { get; set; } = new(Environment.GetEnvironmentVariable("PK_PDFTOTEXT") ?? "pdftotext", "poppler-utils");

    public static ExternalTool PdfToPpm { get; set; } = new(Environment.GetEnvironmentVariable("PK_PDFTOPPM") ?? "pdftoppm", "poppler-utils");

    public static ExternalTool PdfImages { get; set; } = new(Environment.GetEnvironmentVariable("PK_PDFIMAGES") ?? "pdfimages", "poppler-utils");

    public static ExternalTool Tesseract { get; set; } = new(Environment.GetEnvironmentVariable("PK_TESSERACT") ?? "tesseract", "tesseract-ocr tesseract-ocr-ind");

    /// <summary>Resolution of the OCR raster.</summary>
    public const int OcrDpi = 300;

    /// <summary>Resolution of the raster ruling lines are found in (thin borders survive it; 20 pages take a
    /// fraction of a second).</summary>
    public const int RuleDpi = 100;

    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(120);

    [GeneratedRegex(@"^[\p{L}\p{N}(""'‘“\[]?[\p{L}\p{N}.,:;%/()\-'’""”&+=\]]*[\p{L}\p{N}.,:;%)""'’”\]]?$")]
    private static partial Regex CleanToken();

    [GeneratedRegex(@"\p{L}\p{N}\p{L}|\p{N}\p{L}\p{N}")]
    private static partial Regex MixedToken();

    public static bool TryRead(byte[] content, out LayoutDocument document, out string problem) => TryRead(content, null, out document, out problem);

    /// <summary>Reads with another pdftotext (tests: a missing tool gives a clear error naming its package).</summary>
    public static bool TryRead(byte[] content, ExternalTool? pdftotext, out LayoutDocument document, out string problem)
    {
        document = new LayoutDocument();
        problem = string.Empty;
        if (content.Length < 5 || content[0] != '%' || content[1] != 'P' || content[2] != 'D' || content[3] != 'F')
        {
            problem = "bukan berkas PDF (tidak ada header %PDF)";
            return false;
        }

        var dir = Path.Combine(Path.GetTempPath(), "pk-pdf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var input = Path.Combine(dir, "in.pdf");
            File.WriteAllBytes(input, content);
            var bbox = (pdftotext ?? PdfToText).Run(["-bbox-layout", "-enc", "UTF-8", input, "-"], ToolTimeout);
            if (!bbox.Ok)
            {
                problem = bbox.Problem;
                return false;
            }

            var pages = ParseBbox(bbox.Output);
            document.Pages = pages.Count;
            if (pages.Count == 0)
            {
                problem = "PDF tidak memiliki halaman";
                return false;
            }

            if (pages.Count > DocumentLimits.MaxPdfPages)
            {
                problem = $"{DocumentParser.TooLargePrefix}PDF berisi {pages.Count} halaman, melebihi batas {DocumentLimits.MaxPdfPages}";
                return false;
            }

            var coverage = ImageCoverage(input, pages);
            var ocr = new List<int>();
            var layerPages = new List<int>();
            for (var p = 0; p < pages.Count; p++)
            {
                var words = pages[p].Words;
                var scanned = coverage[p] >= 0.6;
                if (words.Count < 8 && (scanned || words.Count == 0))
                {
                    ocr.Add(p);
                }
                else if (scanned)
                {
                    if (LayerIsGood(words))
                    {
                        document.OcrLayerPages.Add(p + 1);
                        pages[p].Ocr = true;
                        layerPages.Add(p);
                    }
                    else
                    {
                        ocr.Add(p);
                    }
                }
            }

            if (ocr.Count > DocumentLimits.MaxOcrPages)
            {
                problem = $"{DocumentParser.TooLargePrefix}PDF berisi {ocr.Count} halaman pindaian tanpa teks, melebihi batas {DocumentLimits.MaxOcrPages} halaman OCR untuk satu dokumen";
                return false;
            }

            // Ruling lines of the pages read from the text layer, from one low-resolution raster.
            var textPages = Enumerable.Range(0, pages.Count).Where(p => !ocr.Contains(p)).ToList();
            if (textPages.Count > 0)
            {
                var raster = PdfToPpm.Run(["-r", RuleDpi.ToString(CultureInfo.InvariantCulture), "-gray", input, Path.Combine(dir, "r")], ToolTimeout);
                if (raster.Ok)
                {
                    foreach (var p in textPages)
                    {
                        if (RasterFile(dir, "r", p + 1, pages.Count) is { } file && GrayImage.FromPgm(File.ReadAllBytes(file)) is { } img)
                        {
                            pages[p].Rules = img.Rules(pages[p].Width / img.Width);
                        }
                    }
                }
            }

            foreach (var p in layerPages)
            {
                pages[p] = new PageContent { Width = pages[p].Width, Height = pages[p].Height, Rules = pages[p].Rules, Ocr = true, Words = CleanOcrWords(pages[p].Words, pages[p].Rules) };
            }

            if (ocr.Count > 0)
            {
                var results = new (PageContent? Page, double Seconds, int Doubtful, string Problem)[ocr.Count];
                Parallel.For(0, ocr.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Math.Min(2, Environment.ProcessorCount)) }, k =>
                {
                    results[k] = OcrPage(input, dir, ocr[k], pages[ocr[k]]);
                });
                for (var k = 0; k < ocr.Count; k++)
                {
                    if (results[k].Page is null)
                    {
                        problem = $"halaman {ocr[k] + 1} tidak memiliki lapisan teks dan OCR gagal: {results[k].Problem}";
                        return false;
                    }

                    pages[ocr[k]] = results[k].Page!;
                    if (results[k].Page!.Words.Count > 0)
                    {
                        // A blank page (an empty last page) is OCR'd in case its text is drawn as curves, but it
                        // was not a scan that was read: it is not reported as one.
                        document.OcrPages.Add((ocr[k] + 1, results[k].Seconds));
                    }

                    document.DoubtfulWords += results[k].Doubtful;
                }
            }

            for (var p = 0; p < pages.Count; p++)
            {
                if (p > 0)
                {
                    document.Break();
                }

                PageLayout.Append(document, pages[p]);
            }

            document.JoinTablesAcrossPages();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmlException)
        {
            problem = $"PDF tidak dapat dibaca: {e.Message}";
            return false;
        }
        finally
        {
            try
            {
                Directory.Delete(dir, true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string? RasterFile(string dir, string prefix, int page, int pageCount)
    {
        // pdftoppm pads the page number to the width of the page count.
        foreach (var width in new[] { pageCount.ToString(CultureInfo.InvariantCulture).Length, 1, 2, 3, 4, 5, 6 })
        {
            var f = Path.Combine(dir, $"{prefix}-{page.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')}.pgm");
            if (File.Exists(f))
            {
                return f;
            }
        }

        var single = Path.Combine(dir, prefix + ".pgm");
        return File.Exists(single) ? single : null;
    }

    /// <summary>Pages and their words from `pdftotext -bbox-layout` (XHTML: page / flow / block / line / word).</summary>
    internal static List<PageContent> ParseBbox(string xhtml)
    {
        var pages = new List<PageContent>();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, CheckCharacters = false };
        using var reader = XmlReader.Create(new StringReader(xhtml), settings);
        PageContent? page = null;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.LocalName == "page")
            {
                page = new PageContent { Width = Number(reader, "width"), Height = Number(reader, "height") };
                pages.Add(page);
            }
            else if (reader.LocalName == "word" && page is not null)
            {
                var x0 = Number(reader, "xMin");
                var y0 = Number(reader, "yMin");
                var x1 = Number(reader, "xMax");
                var y1 = Number(reader, "yMax");
                var text = reader.ReadElementContentAsString().Trim();
                if (text.Length > 0)
                {
                    page.Words.Add(new PageWord(text, x0, y0, x1, y1));
                }
            }
        }

        return pages;
    }

    private static double Number(XmlReader reader, string name) =>
        double.TryParse(reader.GetAttribute(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;

    /// <summary>For each page, the share of its area covered by its largest image (a scanned page is one image).</summary>
    private static double[] ImageCoverage(string input, List<PageContent> pages)
    {
        var coverage = new double[pages.Count];
        var list = PdfImages.Run(["-list", input], ToolTimeout);
        if (!list.Ok)
        {
            // Without pdfimages a page without words is still OCR'd; one with words is read as text.
            return coverage;
        }

        foreach (var line in list.Output.Split('\n').Skip(2))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 14 || !int.TryParse(f[0], out var page) || page < 1 || page > pages.Count || f[2] is "smask" or "stencil")
            {
                continue;
            }

            if (!int.TryParse(f[3], out var w) || !int.TryParse(f[4], out var h)
                || !double.TryParse(f[12], NumberStyles.Float, CultureInfo.InvariantCulture, out var xppi)
                || !double.TryParse(f[13], NumberStyles.Float, CultureInfo.InvariantCulture, out var yppi) || xppi <= 0 || yppi <= 0)
            {
                continue;
            }

            var p = pages[page - 1];
            var area = w / xppi * 72 * (h / yppi * 72);
            var share = area / Math.Max(1, p.Width * p.Height);
            coverage[page - 1] = Math.Max(coverage[page - 1], Math.Min(1, share));
        }

        return coverage;
    }

    /// <summary>An OCR layer is good when nearly all of its words are clean tokens (letters, digits, usual
    /// punctuation; no letter-digit-letter mixtures).</summary>
    internal static bool LayerIsGood(List<PageWord> words)
    {
        if (words.Count < 20)
        {
            return false;
        }

        var clean = words.Count(w => CleanToken().IsMatch(w.Text) && !MixedToken().IsMatch(w.Text));
        return clean >= 0.85 * words.Count;
    }

    private static (PageContent? Page, double Seconds, int Doubtful, string Problem) OcrPage(string input, string dir, int pageIndex, PageContent textLayer)
    {
        var watch = Stopwatch.StartNew();
        var number = (pageIndex + 1).ToString(CultureInfo.InvariantCulture);
        var prefix = Path.Combine(dir, "ocr" + number);
        var raster = PdfToPpm.Run(["-r", OcrDpi.ToString(CultureInfo.InvariantCulture), "-gray", "-f", number, "-l", number, "-singlefile", input, prefix], ToolTimeout);
        if (!raster.Ok)
        {
            return (null, 0, 0, raster.Problem);
        }

        var image = prefix + ".pgm";
        var img = GrayImage.FromPgm(File.ReadAllBytes(image));
        var straightened = false;
        if (img is not null && img.SkewDegrees() is var skew && Math.Abs(skew) >= 0.2)
        {
            straightened = true;
            // A page scanned askew: its rows drift across the page (half a degree is a whole line over a page's
            // width) and the table rows run together. Straightened first, for tesseract and for the ruling lines.
            img = img.Rotate(skew);
            image = prefix + "-lurus.pgm";
            File.WriteAllBytes(image, img.ToPgm());
        }

        var tsv = Tesseract.Run([image, "stdout", "-l", "ind+eng", "--dpi", OcrDpi.ToString(CultureInfo.InvariantCulture), "--psm", "4", "tsv"],
            TimeSpan.FromSeconds(180), environment: new Dictionary<string, string> { ["OMP_THREAD_LIMIT"] = "1" });
        if (!tsv.Ok)
        {
            return (null, 0, 0, tsv.Problem);
        }

        var scale = 72.0 / OcrDpi;
        var (words, doubtful) = ParseTsv(tsv.Output, scale);
        // A straightened page's rules are smeared over two or three grey pixel rows: find them on a harder black and white.
        var rules = (img is null ? null : straightened ? img.Threshold(200).Rules(scale) : img.Rules(scale)) ?? [];

        var page = new PageContent
        {
            Width = textLayer.Width,
            Height = textLayer.Height,
            Words = CleanOcrWords(words, rules),
            Rules = rules,
            Ocr = true,
        };
        return (page, watch.Elapsed.TotalSeconds, doubtful, string.Empty);
    }

    [GeneratedRegex(@"^[>.,'`]?[:;][>.,'`]?$")]
    private static partial Regex StrayColon();

    [GeneratedRegex(@"^(?:Vo|Yo|Ya|Yg|Vg|Ve|%o|9o|o/o|0/0)$")]
    private static partial Regex PercentMisread();

    /// <summary>OCR noise of table scans: a border read as "|" around a word or alone, a stray quote before a
    /// word, and the percent sign read as "Vo" / "Yo" when it stands alone in a cell. (A border read as a leading
    /// "I" is left to <see cref="OcrLexicon"/>, which knows whether the word without it is a word.)</summary>
    internal static List<PageWord> CleanOcrWords(List<PageWord> words, List<PageRule> rules)
    {
        var result = new List<PageWord>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            var text = w.Text.Trim('|', '¦');

            // A border read as a bracket glued to a word: "{Persentase", "terlayani]".
            if (text.Length > 2 && text[0] is '{' or '[' && text.IndexOfAny(['}', ']']) < 0)
            {
                text = text[1..];
            }

            if (text.Length > 2 && text[^1] is '}' or ']' && text.IndexOfAny(['{', '[']) < 0)
            {
                text = text[..^1];
            }

            if (text.Length > 1 && text[0] is '\'' or '‘' or '’' or '`' && char.IsLetterOrDigit(text[1]))
            {
                text = text[1..];
            }

            if (text.Length == 0 || text is "—" or "_")
            {
                continue;
            }


            if (text.Length is 2 or 3 && StrayColon().IsMatch(text))
            {
                // The colon between "Nama" and the name, with a speck of the scan beside it (">:", ":.", ";").
                text = ":";
            }

            if (text is "l." or "L." or "l," or "L," or "I," or "|." or "|,")
            {
                // A row number "1." read as a letter.
                text = "1.";
            }

            if (PercentMisread().IsMatch(text))
            {
                var alone = !words.Any(o => !ReferenceEquals(o, w) && Math.Abs(o.Yc - w.Yc) < w.Height && Math.Abs(o.X0 - w.X1) < 2 * w.Height && o.X0 > w.X0)
                            && !words.Any(o => !ReferenceEquals(o, w) && Math.Abs(o.Yc - w.Yc) < w.Height && Math.Abs(w.X0 - o.X1) < 2 * w.Height && o.X1 < w.X1);
                if (alone)
                {
                    text = "%";
                }
            }

            result.Add(text == w.Text ? w : w with { Text = text });
        }

        return result;
    }

    /// <summary>Words of tesseract's TSV output (level 5 rows), in points.</summary>
    internal static (List<PageWord> Words, int Doubtful) ParseTsv(string tsv, double scale)
    {
        var words = new List<PageWord>();
        var doubtful = 0;
        foreach (var line in tsv.Split('\n').Skip(1))
        {
            var f = line.TrimEnd('\r').Split('\t');
            if (f.Length < 12 || f[0] != "5")
            {
                continue;
            }

            var text = f[11].Trim();
            if (text.Length == 0 || !int.TryParse(f[6], out var left) || !int.TryParse(f[7], out var top) || !int.TryParse(f[8], out var width) || !int.TryParse(f[9], out var height))
            {
                continue;
            }

            if (double.TryParse(f[10], NumberStyles.Float, CultureInfo.InvariantCulture, out var conf) && conf < 40)
            {
                doubtful++;
            }

            words.Add(new PageWord(text, left * scale, top * scale, (left + width) * scale, (top + height) * scale));
        }

        return (words, doubtful);
    }
}
