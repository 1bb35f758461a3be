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

    /// <summary>
    /// The skew of a scanned page in degrees (its text lines falling to the right are positive), between -3 and 3:
    /// the angle at which the rows of dark pixels, summed along that slope, are sharpest (a projection profile on every
    /// second pixel of every second row). 0 for a blank page.
    /// </summary>
    public double SkewDegrees()
    {
        const int Step = 2;
        var xs = new List<int>();
        var ys = new List<int>();
        for (var y = 0; y < Height; y += Step)
        {
            var row = y * Width;
            for (var x = 0; x < Width; x += Step)
            {
                if (Pixels[row + x] < 128)
                {
                    xs.Add(x / Step);
                    ys.Add(y / Step);
                }
            }
        }

        if (xs.Count < 500)
        {
            return 0;
        }

        var sampleWidth = Width / Step + 1;
        var sampleHeight = Height / Step + 1;
        var offset = (int)Math.Ceiling(sampleWidth * Math.Tan(3.1 * Math.PI / 180)) + 1;
        var bins = new int[sampleHeight + 2 * offset];
        double Score(double degrees)
        {
            Array.Clear(bins);
            var slope = Math.Tan(degrees * Math.PI / 180);
            for (var k = 0; k < xs.Count; k++)
            {
                bins[(int)Math.Round(ys[k] - xs[k] * slope) + offset]++;
            }

            double sum = 0;
            foreach (var b in bins)
            {
                sum += (double)b * b;
            }

            return sum;
        }

        var best = 0.0;
        var bestScore = Score(0);
        for (var tenth = -30; tenth <= 30; tenth++)
        {
            var score = Score(tenth / 10.0);
            if (score > bestScore * 1.0001)
            {
                (best, bestScore) = (tenth / 10.0, score);
            }
        }

        // Then to a fiftieth of a degree: a table rule must come out straight to within a pixel over its length.
        var coarse = best;
        for (var step = -5; step <= 5; step++)
        {
            var degrees = coarse + step / 50.0;
            var score = Score(degrees);
            if (score > bestScore)
            {
                (best, bestScore) = (degrees, score);
            }
        }

        return Math.Round(best, 2);
    }

    /// <summary>This page turned by <paramref name="degrees"/> about its centre (white where nothing was).</summary>
    public GrayImage Rotate(double degrees)
    {
        var radians = degrees * Math.PI / 180;
        var (sin, cos) = Math.SinCos(radians);
        var cx = Width / 2.0;
        var cy = Height / 2.0;
        var result = new byte[Pixels.Length];
        for (var y = 0; y < Height; y++)
        {
            var dy = y - cy;
            for (var x = 0; x < Width; x++)
            {
                var dx = x - cx;
                var sx = (int)Math.Round(cx + dx * cos - dy * sin);
                var sy = (int)Math.Round(cy + dx * sin + dy * cos);
                result[y * Width + x] = sx >= 0 && sx < Width && sy >= 0 && sy < Height ? Pixels[sy * Width + sx] : (byte)255;
            }
        }

        return new GrayImage { Width = Width, Height = Height, Pixels = result };
    }

    /// <summary>Black where darker than <paramref name="level"/>, white elsewhere.</summary>
    public GrayImage Threshold(byte level)
    {
        var result = new byte[Pixels.Length];
        for (var k = 0; k < Pixels.Length; k++)
        {
            result[k] = Pixels[k] < level ? (byte)0 : (byte)255;
        }

        return new GrayImage { Width = Width, Height = Height, Pixels = result };
    }

    public byte[] ToPgm()
    {
        var header = Encoding.ASCII.GetBytes($"P5\n{Width} {Height}\n255\n");
        var data = new byte[header.Length + Pixels.Length];
        header.CopyTo(data, 0);
        Pixels.CopyTo(data, header.Length);
        return data;
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
