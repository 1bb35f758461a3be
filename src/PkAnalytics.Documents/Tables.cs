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

    /// <summary>A month or quarter column (Januari ... Desember, TW I ... TW IV): a Rencana Aksi, not Lampiran 1.</summary>
    Period,
}

/// <summary>A table header: the kind of each column, in order.</summary>
internal sealed partial class Header
{
    public List<ColumnKind> Columns { get; } = [];

    /// <summary>The level named by a single-level name column ("Program", "Kegiatan", "Sub Kegiatan").</summary>
    public BudgetLevel? NameLevel { get; set; }

    /// <summary>Column index of each explicit header cell (for mapping explicit rows).</summary>
    public Dictionary<int, ColumnKind> ByColumn { get; } = [];

    public bool IsExplicit { get; set; }

    public int Width { get; set; }

    public bool Has(ColumnKind k) => Columns.Contains(k);

    /// <summary>Monthly or quarterly columns: a Rencana Aksi (action plan) or a realisation table, not targets -
    /// unless they were taken as the quarters beside (or under) the agreement's own target column.</summary>
    public bool IsActionPlan => !PeriodsAreTargetDetail && Columns.Count(c => c == ColumnKind.Period) >= 3;

    /// <summary>The header text of each explicit column (to tell target columns of different years apart).</summary>
    public Dictionary<int, string> TextByColumn { get; } = [];

    /// <summary>
    /// Target columns for several years ("Target 2024 | 2025 | 2026", or "Target" over a row of years): only the
    /// agreement's year is its target; the others are read as nothing. False when no column names that year.
    /// </summary>
    public bool KeepTargetOfYear(int year)
    {
        var targets = ByColumn.Where(kv => kv.Value == ColumnKind.Target).Select(kv => kv.Key).ToList();
        if (targets.Count < 2)
        {
            return true;
        }

        var ofYear = targets.Where(c => TextByColumn.TryGetValue(c, out var t) && YearIn().Match(t) is { Success: true } m && m.Value == year.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (ofYear.Count != 1 || !targets.All(c => TextByColumn.TryGetValue(c, out var t) && YearIn().IsMatch(t)))
        {
            return ofYear.Count == 1;
        }

        foreach (var c in targets.Where(c => c != ofYear[0]))
        {
            ByColumn[c] = ColumnKind.Other;
        }

        ColumnsFromExplicitColumns();
        return true;
    }

    /// <summary>A row of years right under this header's target column ("Target" over "2024 | 2025 | 2026").</summary>
    public void AbsorbYearRow(IReadOnlyList<(int Column, string Text)> years, int width)
    {
        foreach (var (column, text) in years)
        {
            ByColumn[column] = ColumnKind.Target;
            TextByColumn[column] = text;
        }

        Width = Math.Max(Width, width);
        ColumnsFromExplicitColumns();
    }

    /// <summary>After the kinds of explicit columns changed: the column list follows them, left to right.</summary>
    private void ColumnsFromExplicitColumns()
    {
        Columns.Clear();
        Columns.AddRange(ByColumn.OrderBy(kv => kv.Key).Select(kv => kv.Value));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:19|20)\d\d\b")]
    private static partial System.Text.RegularExpressions.Regex YearIn();

    /// <summary>The quarter (or month) columns only detail the year's target: they are read as nothing.</summary>
    public bool PeriodsAreTargetDetail { get; private set; }

    /// <summary>The year's target is the last quarter's column (quarterly targets only, written cumulatively).</summary>
    public bool TargetIsLastPeriod { get; private set; }

    /// <summary>Indicators with a target column and quarter columns beside it: the quarters detail the target.</summary>
    public void TreatPeriodsAsTargetDetail() => PeriodsAreTargetDetail = true;

    /// <summary>
    /// A second header row of quarters under this header ("Target" over "TW I | TW II | TW III | TW IV", or
    /// "Target Tahunan | Target Triwulan" over the quarters): the quarters detail the target. When they take the
    /// place of the only target column, the year's target is the last quarter's.
    /// </summary>
    public bool AbsorbPeriodRow(Header sub)
    {
        // The upper row often ends at its spanning cell ("Target" over four quarters), or before it when a PDF lost
        // that cell's text: the lower row is the wider one.
        if (!IsExplicit || !sub.IsExplicit || sub.Width < Width || sub.ByColumn.Count < 3 || sub.ByColumn.Values.Any(k => k != ColumnKind.Period)
            || !Has(ColumnKind.Indicator))
        {
            return false;
        }

        Width = sub.Width;

        var quarters = sub.ByColumn.Keys.Order().ToList();
        foreach (var column in quarters)
        {
            ByColumn[column] = ColumnKind.Period;
        }

        if (!ByColumn.ContainsValue(ColumnKind.Target))
        {
            ByColumn[quarters[^1]] = ColumnKind.Target;
            TargetIsLastPeriod = true;
        }

        ColumnsFromExplicitColumns();
        PeriodsAreTargetDetail = true;
        return true;
    }

    public bool IsBudget => !IsActionPlan && Has(ColumnKind.Amount);

    public bool IsPerformance => !IsActionPlan && !IsBudget && Has(ColumnKind.Indicator) && Has(ColumnKind.Target);

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

    [GeneratedRegex(@"^(?<name>.*?[A-Za-z)].*?)\s+(?<amount>\d{1,3}(?:[.,]\d{3}){2,}(?:,\d{2})?(?:[.,]-|-)?)\s*(?<source>[A-Za-z][A-Za-z/\-]{1,20})?\s*$")]
    private static partial Regex NameWithGroupedAmount();

    [GeneratedRegex(@"^\s*(?:sub\s*)?(?:kegiatan|program)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex LevelMarker();

    public static bool IsLevelMarker(string text) => LevelMarker().IsMatch(text);

    [GeneratedRegex(@"^\d{1,2}(?:\.\d{1,4}){1,7}\.?$")]
    private static partial Regex CodeShape();

    /// <summary>A row number ("1.", "1)", "a.", "A.", "1.a") or a national program code ("1.06.01.2.01").</summary>
    public static bool IsLabel(string text) => (text.Length <= 8 && LabelShape().IsMatch(text)) || (text.Length <= 24 && CodeShape().IsMatch(text));

    public static bool IsColumnNumber(string text) => ColumnNumber().IsMatch(text);

    public static bool IsSource(string text) => text.Length <= 24 && SourceShape().IsMatch(SourceText(text));

    /// <summary>A funding source as written, without the parentheses some documents put around it ("(APBD)").</summary>
    public static string SourceText(string text) => text.Trim().Trim('(', ')').Trim();

    public static bool IsCurrency(string text) => CurrencyOnly().IsMatch(text.Trim());

    public static bool IsTotal(string text)
    {
        var t = text.Trim();
        if (TotalShape().IsMatch(t))
        {
            return true;
        }

        if (t.Length > 40 || t.Length < 4 || t[0] is not ('J' or 'j' or 'T' or 't'))
        {
            return false;
        }

        // Letter-spaced ("J U M L A H", "T O T A L"), with "Rp" or a colon after it, or misspelt by one letter.
        if (LetterSpaced().IsMatch(t))
        {
            t = t.Replace(" ", string.Empty);
        }

        t = TotalDecoration().Replace(t, string.Empty).Trim().ToLowerInvariant();
        if (TotalShape().IsMatch(t))
        {
            return true;
        }

        var words = t.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 3 || words.Skip(1).Any(w => w is not ("anggaran" or "total" or "pagu" or "keseluruhan" or "seluruhnya" or "biaya" or "dana")))
        {
            return false;
        }

        return Near(words[0], "jumlah") || Near(words[0], "total");
    }

    [GeneratedRegex(@"^(?:\p{L}\s){2,}\p{L}(?:\s*:)?$")]
    private static partial Regex LetterSpaced();

    [GeneratedRegex(@"(?:\s*(?:rp\.?|:|\(rp\)))+\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TotalDecoration();

    /// <summary>One letter inserted, dropped or changed ("Jumalah", "Jumah", "Totall").</summary>
    private static bool Near(string word, string target)
    {
        if (word == target)
        {
            return true;
        }

        if (Math.Abs(word.Length - target.Length) > 1 || word.Length < 4)
        {
            return false;
        }

        var d = new int[word.Length + 1, target.Length + 1];
        for (var i = 0; i <= word.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= target.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= word.Length; i++)
        {
            for (var j = 1; j <= target.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (word[i - 1] == target[j - 1] ? 0 : 1));
            }
        }

        return d[word.Length, target.Length] <= 1;
    }

    /// <summary>"80.160.000.- APBD": an amount with its funding source glued on.</summary>
    public static bool SplitAmountSource(string text, out string amount, out string source)
    {
        var trimmed = text.TrimStart();
        if (trimmed.Length == 0 || trimmed.Length > 60 || !(char.IsDigit(trimmed[0]) || trimmed[0] is 'R' or 'r'))
        {
            amount = text;
            source = string.Empty;
            return false;
        }

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
        name = text;
        amount = string.Empty;
        source = null;
        if (text.Length > 400 || !text.Any(char.IsDigit))
        {
            return false;
        }

        // "1. Program X Rp 1.000.000 APBD", or without "Rp" when the number is grouped in thousands.
        var m = text.Contains("rp", StringComparison.OrdinalIgnoreCase) ? NameWithAmount().Match(text.Trim()) : Match.Empty;
        if (!m.Success)
        {
            m = NameWithGroupedAmount().Match(text.Trim());
        }

        if (m.Success && Numbers.LooksLikeAmount(m.Groups["amount"].Value) && m.Groups["name"].Value.Length >= 4)
        {
            name = m.Groups["name"].Value;
            amount = m.Groups["amount"].Value;
            source = m.Groups["source"].Success && IsSource(m.Groups["source"].Value) ? m.Groups["source"].Value : null;
            return true;
        }

        return false;
    }

    /// <summary>The kind of a header cell, or null when the cell is not a header word.</summary>
    private static readonly string[] HeaderStarts =
    [
        "no", "nomor", "sasaran", "indikator", "indicator", "target", "satuan", "unit", "anggaran", "pagu", "jumlah anggaran",
        "nilai anggaran", "keterangan", "ket", "sumber", "penjelasan", "uraian", "relevansi", "formulasi", "program", "kegiatan", "sub",
        "alokasi", "kode", "kondisi", "baseline", "realisasi", "capaian", "satuan", "tujuan", "jumlah (rp", "tahun", "triwulan",
        "penanggung", "pj", "lokasi", "output", "outcome", "volume", "awal", "data dukung", "bukti", "belanja",
    ];

    [GeneratedRegex(@"^(?:target\s*(?:kinerja\s*)?)?(?:tahun\s*)?(?:19|20)\d\d$", RegexOptions.IgnoreCase)]
    private static partial Regex YearHeader();

    [GeneratedRegex(@"^(?:jan(?:uari)?|feb(?:ruari)?|peb(?:ruari)?|mar(?:et)?|apr(?:il)?|mei|jun(?:i)?|jul(?:i)?|agu(?:stus)?|agt|sep(?:tember)?|okt(?:ober)?|nov(?:ember)?|nop(?:ember)?|des(?:ember)?|(?:tw|triwulan)\s*(?:i{1,3}|iv|[1-4])|bulan\s*(?:ke\s*)?\d{1,2}|I{1,3}|IV)\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex PeriodHeader();

    public static ColumnKind? HeaderKind(string text, out BudgetLevel? level)
    {
        level = null;
        if (text.Length is > 0 and <= 16 && char.ToLowerInvariant(text[0]) is '1' or '2' or 't' or 'j' or 'f' or 'p' or 'm' or 'a' or 's' or 'o' or 'n' or 'd' or 'b' or 'i')
        {
            // A year ("2022", "Target 2022") is that year's target; months and quarters (also "I" ... "IV" under
            // "Triwulan") are period columns.
            if (YearHeader().IsMatch(text))
            {
                return ColumnKind.Target;
            }

            if (PeriodHeader().IsMatch(text))
            {
                return ColumnKind.Period;
            }
        }

        if (text.Length == 0 || text.Length > 100 || !(char.ToLowerInvariant(text[0]) is 'n' or 's' or 'i' or 't' or 'u' or 'a' or 'p' or 'k' or 'j' or 'r' or 'f' or 'c' or 'b' or 'l' or 'o' or 'v'))
        {
            return null;
        }

        var known = false;
        foreach (var h in HeaderStarts)
        {
            if (text.StartsWith(h, StringComparison.OrdinalIgnoreCase))
            {
                known = true;
                break;
            }
        }

        if (!known)
        {
            return null;
        }

        var t = ColumnNumberSuffix().Replace(Text.Collapse(text), string.Empty).Trim().TrimEnd(':').Trim().ToLowerInvariant();
        if (t.Length == 0 || t.Length > 90)
        {
            return null;
        }

        if (t is "no" or "no." or "nomor" or "no urut")
        {
            return ColumnKind.Label;
        }

        if (YearHeader().IsMatch(t))
        {
            return ColumnKind.Target;
        }

        if (t.StartsWith("sasaran", StringComparison.Ordinal) || t.StartsWith("tujuan/sasaran", StringComparison.Ordinal) || t.StartsWith("tujuan / sasaran", StringComparison.Ordinal))
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

        if (t.StartsWith("anggaran", StringComparison.Ordinal) || t.StartsWith("pagu", StringComparison.Ordinal) || t.StartsWith("alokasi", StringComparison.Ordinal)
            || t.StartsWith("jumlah anggaran", StringComparison.Ordinal) || t.StartsWith("nilai anggaran", StringComparison.Ordinal) || t.StartsWith("jumlah (rp", StringComparison.Ordinal))
        {
            return ColumnKind.Amount;
        }

        if (t is "keterangan" or "ket" or "ket." or "sumber" or "sumber dana" or "sumber anggaran" or "sumber pendanaan")
        {
            return ColumnKind.Source;
        }

        if (t is "kode" or "kode rekening" or "kode program" or "kode kegiatan" || t.StartsWith("kondisi", StringComparison.Ordinal) || t.StartsWith("baseline", StringComparison.Ordinal)
            || t.StartsWith("realisasi", StringComparison.Ordinal) || t.StartsWith("capaian", StringComparison.Ordinal) || t.StartsWith("tujuan", StringComparison.Ordinal)
            || t is "triwulan" or "triwulan ke" || t.StartsWith("penanggung", StringComparison.Ordinal) || t is "pj" or "lokasi" or "output" or "outcome" or "volume"
            || t.StartsWith("awal", StringComparison.Ordinal) || t.StartsWith("data dukung", StringComparison.Ordinal) || t.StartsWith("bukti", StringComparison.Ordinal)
            || t.StartsWith("belanja", StringComparison.Ordinal))
        {
            // "Belanja Operasi | Belanja Modal | Jumlah": the parts of a budget line; its amount is the Jumlah.
            // "Triwulan" alone heads the quarter columns under it ("I | II | III | IV"), not a column of its own.
            return ColumnKind.Other;
        }

        if (t.StartsWith("uraian program", StringComparison.Ordinal) || t.StartsWith("uraian kegiatan", StringComparison.Ordinal) || t is "uraian program/kegiatan")
        {
            return ColumnKind.Name;
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

    [GeneratedRegex(@"^sub\s*kegiatan\b", RegexOptions.IgnoreCase)]
    private static partial Regex SubKegiatanWord();

    [GeneratedRegex(@"^kegiatan\b", RegexOptions.IgnoreCase)]
    private static partial Regex KegiatanWord();

    [GeneratedRegex(@"^program\b", RegexOptions.IgnoreCase)]
    private static partial Regex ProgramWord();

    [GeneratedRegex(@"^(?:rp\.?\s*)?\d", RegexOptions.IgnoreCase)]
    private static partial Regex StartsWithNumber();

    [GeneratedRegex(@"^[A-Za-z±<>≥≤]{1,8}\s*\d")]
    private static partial Regex WordThenNumber();

    [GeneratedRegex(@"^\d+(?:\.\d+)+")]
    private static partial Regex DottedLabel();

    [GeneratedRegex(@"^\d+\.?[a-z]")]
    private static partial Regex NumberLetterLabel();

    [GeneratedRegex(@"^[IVX]+[.)]")]
    private static partial Regex RomanLabel();

    /// <summary>Level named by a budget line's own wording ("Program ...", "Kegiatan ...", "Sub Kegiatan ...").</summary>
    public static BudgetLevel? LevelOfName(string name)
    {
        var n = name.TrimStart();
        if (n.Length < 7 || !(n[0] is 's' or 'S' or 'k' or 'K' or 'p' or 'P'))
        {
            return null;
        }

        if (SubKegiatanWord().IsMatch(n))
        {
            return BudgetLevel.SubKegiatan;
        }

        if (KegiatanWord().IsMatch(n))
        {
            return BudgetLevel.Kegiatan;
        }

        if (ProgramWord().IsMatch(n))
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
            if (DottedLabel().IsMatch(l))
            {
                // Program codes: the number of segments is the depth ("1.06.01" program, "1.06.01.2.01" kegiatan).
                return "dotted" + l.TrimEnd('.').Count(c => c == '.');
            }

            if (NumberLetterLabel().IsMatch(l))
            {
                return "numletter";
            }

            return l.Contains(')') ? "paren" : "number";
        }

        if (RomanLabel().IsMatch(l) && l.Length >= 3)
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
        if (text.Length > 70)
        {
            return false;
        }

        var t = Text.StripLetterLabel(text);
        if (t.Length == 0 || t.Length > 60)
        {
            return false;
        }

        if (t.Length <= 20 && Numbers.Grade().IsMatch(t))
        {
            return true;
        }

        if (char.IsDigit(t[0]) || StartsWithNumber().IsMatch(t))
        {
            return true;
        }

        // "Nilai 87,40", "± 10 %".
        return t.Length <= 30 && WordThenNumber().IsMatch(t);
    }

    /// <summary>Objective wording: "Meningkatnya ...", "Terlaksananya ...", "Tersedianya ..." (a nominalised verb).</summary>
    public static bool LooksLikeObjective(string text)
    {
        var first = FirstWord(text);
        return first.Length > 5 && first.EndsWith("nya", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The first word after any list numbering.</summary>
    private static ReadOnlySpan<char> FirstWord(string text)
    {
        var t = text.Length > 0 && (char.IsDigit(text[0]) || text[0] is '-' or '•' or '·' or '*' || (text.Length > 1 && text[1] is '.' or ')'))
            ? Text.StripItemLabel(text)
            : text;
        var span = t.AsSpan().TrimStart();
        var space = span.IndexOf(' ');
        return space < 0 ? span : span[..space];
    }

    /// <summary>Indicator wording: "Persentase ...", "Jumlah ...", "Indeks ...", "Nilai ...".</summary>
    public static bool LooksLikeIndicator(string text)
    {
        var first = FirstWord(text).ToString().ToLowerInvariant();
        return first is "persentase" or "presentase" or "prosentase" or "peresentase" or "persentasi" or "jumlah" or "indeks" or "nilai"
            or "tingkat" or "rasio" or "cakupan" or "rata-rata" or "angka" or "capaian" or "skor" or "predikat" or "opini" or "laju" or "proporsi";
    }
}
