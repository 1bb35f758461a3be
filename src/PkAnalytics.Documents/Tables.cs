using System.Text.RegularExpressions;
using PkAnalytics.Domain.Agreements;

namespace PkAnalytics.Documents;

internal enum ColumnKind
{
    Other,
    Label,
    Objective,
    Indicator,
    Target,
    Unit,
    Name,
    Amount,
    Source,
    Explanation,
}

/// <summary>A table header: the kind of each column, in order.</summary>
internal sealed class Header
{
    public List<ColumnKind> Columns { get; } = [];

    /// <summary>The level named by a single-level name column ("Program", "Kegiatan", "Sub Kegiatan").</summary>
    public BudgetLevel? NameLevel { get; set; }

    /// <summary>Column index of each explicit header cell (for mapping explicit rows).</summary>
    public Dictionary<int, ColumnKind> ByColumn { get; } = [];

    public bool IsExplicit { get; set; }

    public int Width { get; set; }

    public bool Has(ColumnKind k) => Columns.Contains(k);

    public bool IsBudget => Has(ColumnKind.Amount);

    public bool IsPerformance => !IsBudget && Has(ColumnKind.Indicator) && Has(ColumnKind.Target);

    public ColumnKind KindOf(Cell cell)
    {
        if (!IsExplicit || !cell.Explicit)
        {
            return ColumnKind.Other;
        }

        if (cell.RowWidth == Width && ByColumn.TryGetValue(cell.Column, out var k))
        {
            return k;
        }

        return ColumnKind.Other;
    }
}

internal static partial class Cells
{
    [GeneratedRegex(@"^(?:\d{1,3}(?:\.\d{1,3})*(?:\.?[a-z])?|[a-zA-Z]|[IVX]{1,5})\s*[.)]{0,3}$")]
    private static partial Regex LabelShape();

    [GeneratedRegex(@"^\(?\d{1,2}\)?$")]
    private static partial Regex ColumnNumber();

    [GeneratedRegex(@"^(?:(?:sub\s*)?kegiatan|program)(?:\s*[/,]\s*(?:(?:sub\s*)?kegiatan|program))*$", RegexOptions.IgnoreCase)]
    private static partial Regex NameHeader();

    [GeneratedRegex(@"^(?:APBD|APBN|DAU|DAK|DBH|BLUD|PAD|DID|BOK|BOS|APBDES|DANA\s+DESA)(?:[\s\-/]*(?:P|PERUBAHAN|APBD|APBN|DAU|DAK|DBH|BLUD|PAD|DID|[A-Z]{1,4}))*\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex SourceShape();

    [GeneratedRegex(@"\s*\(\d{1,2}\)\s*$")]
    private static partial Regex ColumnNumberSuffix();

    [GeneratedRegex(@"^(?:total|jumlah|jumlah\s+total|total\s+anggaran|jumlah\s+anggaran|total\s+pagu)\s*:?$", RegexOptions.IgnoreCase)]
    private static partial Regex TotalShape();

    [GeneratedRegex(@"^(?:rp\.?|idr)$", RegexOptions.IgnoreCase)]
    private static partial Regex CurrencyOnly();

    [GeneratedRegex(@"^(?<amount>(?:rp\.?\s*)?\d[\d.,\s]*\d(?:[.,]-|-|[.,]00)?)\s*(?<source>[A-Za-z][A-Za-z/\-]{1,20})$", RegexOptions.IgnoreCase)]
    private static partial Regex AmountWithSource();

    [GeneratedRegex(@"^(?<name>.*?[A-Za-z)].*?)\s+(?:Rp\.?\s*)(?<amount>\d[\d.,\s]*\d(?:[.,]-|-)?)\s*(?<source>[A-Za-z][A-Za-z/\-]{1,20})?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex NameWithAmount();

    public static bool IsLabel(string text) => text.Length <= 8 && LabelShape().IsMatch(text);

    public static bool IsColumnNumber(string text) => ColumnNumber().IsMatch(text);

    public static bool IsSource(string text) => text.Length <= 24 && SourceShape().IsMatch(text.Trim());

    public static bool IsCurrency(string text) => CurrencyOnly().IsMatch(text.Trim());

    public static bool IsTotal(string text) => TotalShape().IsMatch(text.Trim());

    /// <summary>"80.160.000.- APBD": an amount with its funding source glued on.</summary>
    public static bool SplitAmountSource(string text, out string amount, out string source)
    {
        var m = AmountWithSource().Match(text.Trim());
        if (m.Success && IsSource(m.Groups["source"].Value) && Numbers.LooksLikeAmount(m.Groups["amount"].Value))
        {
            amount = m.Groups["amount"].Value;
            source = m.Groups["source"].Value;
            return true;
        }

        amount = text;
        source = string.Empty;
        return false;
    }

    /// <summary>"1. Program X Rp 1.000.000 APBD" written as running text.</summary>
    public static bool SplitNameAmount(string text, out string name, out string amount, out string? source)
    {
        var m = NameWithAmount().Match(text.Trim());
        if (m.Success && Numbers.LooksLikeAmount(m.Groups["amount"].Value) && m.Groups["name"].Value.Length >= 4)
        {
            name = m.Groups["name"].Value;
            amount = m.Groups["amount"].Value;
            source = m.Groups["source"].Success && IsSource(m.Groups["source"].Value) ? m.Groups["source"].Value : null;
            return true;
        }

        name = text;
        amount = string.Empty;
        source = null;
        return false;
    }

    /// <summary>The kind of a header cell, or null when the cell is not a header word.</summary>
    public static ColumnKind? HeaderKind(string text, out BudgetLevel? level)
    {
        level = null;
        var t = ColumnNumberSuffix().Replace(Text.Collapse(text), string.Empty).Trim().TrimEnd(':').Trim().ToLowerInvariant();
        if (t.Length == 0 || t.Length > 90)
        {
            return null;
        }

        if (t is "no" or "no." or "nomor" or "no urut")
        {
            return ColumnKind.Label;
        }

        if (t.StartsWith("sasaran", StringComparison.Ordinal))
        {
            return ColumnKind.Objective;
        }

        if (t.StartsWith("indikator", StringComparison.Ordinal) || t.StartsWith("indicator", StringComparison.Ordinal))
        {
            return ColumnKind.Indicator;
        }

        if (t.StartsWith("target", StringComparison.Ordinal))
        {
            return ColumnKind.Target;
        }

        if (t is "satuan" or "unit")
        {
            return ColumnKind.Unit;
        }

        if (t.StartsWith("anggaran", StringComparison.Ordinal) || t.StartsWith("pagu", StringComparison.Ordinal) || t is "jumlah anggaran" or "nilai anggaran")
        {
            return ColumnKind.Amount;
        }

        if (t is "keterangan" or "ket" or "ket." or "sumber dana" or "sumber anggaran")
        {
            return ColumnKind.Source;
        }

        if (t is "penjelasan" or "uraian" or "relevansi" or "formulasi" or "sumber data" or "relevansi menggambarkan kondisi"
            || t.StartsWith("formulasi", StringComparison.Ordinal) || t.StartsWith("relevansi", StringComparison.Ordinal))
        {
            return ColumnKind.Explanation;
        }

        if (NameHeader().IsMatch(t))
        {
            var parts = t.Split('/', ',').Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
            if (parts.Count == 1)
            {
                level = LevelWord(parts[0]);
            }

            return ColumnKind.Name;
        }

        return null;
    }

    public static BudgetLevel? LevelWord(string word)
    {
        var w = Text.Collapse(word).ToLowerInvariant();
        if (w.StartsWith("sub", StringComparison.Ordinal))
        {
            return BudgetLevel.SubKegiatan;
        }

        if (w.StartsWith("kegiatan", StringComparison.Ordinal))
        {
            return BudgetLevel.Kegiatan;
        }

        if (w.StartsWith("program", StringComparison.Ordinal))
        {
            return BudgetLevel.Program;
        }

        return null;
    }

    /// <summary>Level named by a budget line's own wording ("Program ...", "Kegiatan ...", "Sub Kegiatan ...").</summary>
    public static BudgetLevel? LevelOfName(string name)
    {
        var n = Text.Collapse(name);
        if (Regex.IsMatch(n, @"^sub\s*kegiatan\b", RegexOptions.IgnoreCase))
        {
            return BudgetLevel.SubKegiatan;
        }

        if (Regex.IsMatch(n, @"^kegiatan\b", RegexOptions.IgnoreCase))
        {
            return BudgetLevel.Kegiatan;
        }

        if (Regex.IsMatch(n, @"^program\b", RegexOptions.IgnoreCase))
        {
            return BudgetLevel.Program;
        }

        return null;
    }

    /// <summary>Label style for the budget hierarchy: "A." / "I." (upper), "1." (number), "1)" (paren), "a." (lower).</summary>
    public static string LabelStyle(string label)
    {
        var l = label.Trim();
        if (l.Length == 0)
        {
            return string.Empty;
        }

        if (char.IsDigit(l[0]))
        {
            if (Regex.IsMatch(l, @"^\d+(?:\.\d+)+"))
            {
                return "dotted";
            }

            if (Regex.IsMatch(l, @"^\d+\.?[a-z]"))
            {
                return "numletter";
            }

            return l.Contains(')') ? "paren" : "number";
        }

        if (Regex.IsMatch(l, @"^[IVX]+[.)]") && l.Length >= 3)
        {
            return "roman";
        }

        return char.IsUpper(l[0]) ? "upper" : "lower";
    }

    [GeneratedRegex(@"^(?<label>(?:\d{1,3}(?:\.\d{1,3})*(?:\.?[a-z])?|[a-zA-Z]|[IVX]{1,5})[.)]{1,3})\s+(?<rest>\S.*)$")]
    private static partial Regex InlineLabel();

    /// <summary>Splits "1. Program X" into its label "1." and the text.</summary>
    public static (string? Label, string Text) SplitInlineLabel(string text)
    {
        var m = InlineLabel().Match(Text.Collapse(text));
        return m.Success ? (m.Groups["label"].Value, m.Groups["rest"].Value) : (null, Text.Collapse(text));
    }

    /// <summary>A cell that reads as a target value: a number (with its unit), a grade, a percentage.</summary>
    public static bool LooksLikeTarget(string text)
    {
        var t = Text.StripLetterLabel(text);
        if (t.Length == 0 || t.Length > 60)
        {
            return false;
        }

        if (Regex.IsMatch(t, @"^(?:AA|A|BB|B|CC|C|D)$"))
        {
            return true;
        }

        if (Regex.IsMatch(t, @"^(?:rp\.?\s*)?\d", RegexOptions.IgnoreCase))
        {
            return true;
        }

        // "Nilai 87,40", "± 10 %".
        return Regex.IsMatch(t, @"^[A-Za-z±<>≥≤]{1,8}\s*\d") && t.Length <= 30;
    }

    /// <summary>Objective wording: "Meningkatnya ...", "Terlaksananya ...", "Tersedianya ..." (a nominalised verb).</summary>
    public static bool LooksLikeObjective(string text)
    {
        var t = Text.StripItemLabel(text);
        var first = t.Split(' ', 2)[0].ToLowerInvariant();
        return first.Length > 5 && first.EndsWith("nya", StringComparison.Ordinal);
    }

    /// <summary>Indicator wording: "Persentase ...", "Jumlah ...", "Indeks ...", "Nilai ...".</summary>
    public static bool LooksLikeIndicator(string text)
    {
        var t = Text.StripItemLabel(text);
        var first = t.Split(' ', 2)[0].ToLowerInvariant();
        return first is "persentase" or "presentase" or "prosentase" or "peresentase" or "persentasi" or "jumlah" or "indeks" or "nilai"
            or "tingkat" or "rasio" or "cakupan" or "rata-rata" or "angka" or "capaian" or "skor" or "predikat" or "opini" or "laju" or "proporsi";
    }
}
