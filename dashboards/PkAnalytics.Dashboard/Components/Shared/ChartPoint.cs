namespace PkAnalytics.Dashboard.Components.Shared;

/// <summary>One bar of a chart: category label, value and fill colour.</summary>
public sealed record ChartPoint(string Label, double Value, string Fill, string? Text = null)
{
    /// <summary>About what the category axis shows before it cuts a label to "Dinas..." itself.</summary>
    public const int MaxLabelLength = 18;

    /// <summary>
    /// A point with a label that fits the axis and still tells agencies apart (the full name is its tooltip): a
    /// long name becomes its initials, as offices abbreviate themselves ("Dinas Pemberdayaan Masyarakat dan Desa" -
    /// "DPMD", "Badan Pengelolaan Keuangan dan Aset Daerah" - "BPKAD"), a kecamatan "Kec. Name"; otherwise it is cut.
    /// </summary>
    public static ChartPoint Short(string label, double value, string fill) => new(ShortLabel(label), value, fill, label);

    public static string ShortLabel(string label)
    {
        label = label.Trim();
        if (label.Length <= MaxLabelLength)
        {
            return label;
        }

        if (label.StartsWith("Kecamatan ", StringComparison.OrdinalIgnoreCase) && label.Length - 5 <= MaxLabelLength)
        {
            return "Kec. " + label[10..];
        }

        var words = label.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !Connectors.Contains(w) && char.IsLetter(w[0])).ToList();
        if (words.Count >= 3)
        {
            // A word already in capitals (DPRD, UPTD) is an abbreviation of its own and stays whole.
            var initials = string.Concat(words.Select(w => w.Length > 1 && w.All(c => !char.IsLetter(c) || char.IsUpper(c)) ? w : char.ToUpperInvariant(w[0]).ToString()));
            if (initials.Length <= MaxLabelLength)
            {
                return initials;
            }
        }

        return label[..(MaxLabelLength - 1)].TrimEnd() + "\u2026";
    }

    private static readonly HashSet<string> Connectors = new(StringComparer.OrdinalIgnoreCase) { "dan", "&", "serta", "atau", "di", "ke" };

    /// <summary>Puts back the full label where two cut labels would be equal (the axis would merge their bars).</summary>
    public static IReadOnlyList<ChartPoint> Unique(IEnumerable<ChartPoint> points)
    {
        var list = points.ToList();
        var clashing = list.GroupBy(p => p.Label).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return list.Select(p => clashing.Contains(p.Label) && p.Text is not null ? p with { Label = p.Text } : p).ToList();
    }
}
