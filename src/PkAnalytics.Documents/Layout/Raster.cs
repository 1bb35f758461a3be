using System.Text;

namespace PkAnalytics.Documents.Layout;

/// <summary>A grayscale page image (binary PGM as written by `pdftoppm -gray`), and the ruling lines (table
/// borders) found in it: long straight runs of dark pixels.</summary>
internal sealed class GrayImage
{
    public required int Width { get; init; }

    public required int Height { get; init; }

    public required byte[] Pixels { get; init; }

    public static GrayImage? FromPgm(byte[] data)
    {
        // "P5\n<width> <height>\n<maxval>\n" then width*height bytes.
        var pos = 0;
        string? Token()
        {
            while (pos < data.Length)
            {
                if (data[pos] == '#')
                {
                    while (pos < data.Length && data[pos] != '\n')
                    {
                        pos++;
                    }
                }
                else if (char.IsWhiteSpace((char)data[pos]))
                {
                    pos++;
                }
                else
                {
                    break;
                }
            }

            var start = pos;
            while (pos < data.Length && !char.IsWhiteSpace((char)data[pos]))
            {
                pos++;
            }

            return pos > start ? Encoding.ASCII.GetString(data, start, pos - start) : null;
        }

        if (Token() != "P5" || !int.TryParse(Token(), out var w) || !int.TryParse(Token(), out var h) || !int.TryParse(Token(), out var max) || max > 255)
        {
            return null;
        }

        pos++;
        if (w <= 0 || h <= 0 || (long)w * h > data.Length - pos)
        {
            return null;
        }

        var pixels = new byte[w * h];
        Buffer.BlockCopy(data, pos, pixels, 0, w * h);
        return new GrayImage { Width = w, Height = h, Pixels = pixels };
    }

    /// <summary>Ruling lines in page points (<paramref name="pointsPerPixel"/> = 72 / dpi), origin top left.</summary>
    public List<PageRule> Rules(double pointsPerPixel)
    {
        var dpiScale = 1 / pointsPerPixel / 72.0;
        var maxGap = Math.Max(2, (int)Math.Round(1.5 * dpiScale));
        var result = new List<PageRule>();
        result.AddRange(Scan(true, maxGap, Math.Max(20, Width / 25), pointsPerPixel, dpiScale));
        result.AddRange(Scan(false, maxGap, Math.Max(20, Height / 40), pointsPerPixel, dpiScale));
        return result;
    }

    private IEnumerable<PageRule> Scan(bool horizontal, int maxGap, int minLength, double ptPerPx, double dpiScale)
    {
        var outer = horizontal ? Height : Width;
        var inner = horizontal ? Width : Height;
        var open = new List<(double Sum, int Count, int First, int Last, int From, int To)>();
        var done = new List<(double Sum, int Count, int First, int Last, int From, int To)>();
        for (var o = 0; o < outer; o++)
        {
            var segments = new List<(int From, int To)>();
            var runStart = -1;
            var lastDark = -10;
            for (var i = 0; i < inner; i++)
            {
                var p = horizontal ? Pixels[o * Width + i] : Pixels[i * Width + o];
                if (p < 180)
                {
                    if (runStart < 0 || i - lastDark > maxGap + 1)
                    {
                        if (runStart >= 0 && lastDark - runStart >= minLength)
                        {
                            segments.Add((runStart, lastDark));
                        }

                        runStart = i;
                    }

                    lastDark = i;
                }
            }

            if (runStart >= 0 && lastDark - runStart >= minLength)
            {
                segments.Add((runStart, lastDark));
            }

            foreach (var (from, to) in segments)
            {
                // A piece continues a line when it is on the same row, when the line is still thin (its own
                // thickness), or when it extends the line sideways (a slanted scan); a piece lying under a line
                // that is already long (text just below a border) starts a candidate of its own.
                var k = open.FindIndex(r => o - r.Last <= 2 && r.From <= to + 3 && from <= r.To + 3
                                            && (o == r.Last || o - r.First <= 3 * dpiScale || from < r.From - 3 || to > r.To + 3));
                if (k >= 0)
                {
                    var r = open[k];
                    open[k] = (r.Sum + o, r.Count + 1, r.First, o, Math.Min(r.From, from), Math.Max(r.To, to));
                }
                else
                {
                    open.Add((o, 1, o, o, from, to));
                }
            }

            for (var k = open.Count - 1; k >= 0; k--)
            {
                if (o - open[k].Last > 2)
                {
                    done.Add(open[k]);
                    open.RemoveAt(k);
                }
            }
        }

        done.AddRange(open);
        var maxThickness = 6 * dpiScale;
        foreach (var r in done)
        {
            // A thick dark area (a picture, a filled block) is not a ruling line; a slanted line of a scan spans
            // a few more rows than its thickness.
            var rows = r.Last - r.First + 1;
            var length = r.To - r.From;
            if (rows > maxThickness + length * 0.03)
            {
                continue;
            }

            yield return new PageRule(horizontal, r.Sum / r.Count * ptPerPx, r.From * ptPerPx, r.To * ptPerPx);
        }
    }
}
