using System.Text.RegularExpressions;
using PkAnalytics.Domain.Agreements;

namespace PkAnalytics.Documents;

/// <summary>The Perjanjian Kinerja parser proper: text lines in, agreements and findings out.</summary>
internal static partial class PkParser
{
    [GeneratedRegex(@"^\s*LAMPIRAN\s*(?:2|II)\b|^\s*PENJELASAN\s+KINERJA\b|^\s*(?:[a-z]\)\s*)?Penjelasan\s+(?:Kinerja|Indikator)?\s*(?:ke\s*)?[0-9A-Z]{0,3}\.?\s*$|^\s*Penjelasan\s+\d+\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Lampiran2();

    [GeneratedRegex(@"^\s*LAMPIRAN\s*(?:1|I)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Lampiran1();

    [GeneratedRegex(@"\bPERJANJIAN\s+KINER", RegexOptions.IgnoreCase)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*Pihak\s+(?:Pertama|Kedua|Kesatu)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Signature();

    [GeneratedRegex(@"^(?:DINAS|BADAN|SEKRETARIAT|SEKRETARIS DAERAH|KECAMATAN|KANTOR|INSPEKTORAT|SATUAN POLISI|RUMAH SAKIT|RSUD|KELURAHAN|BAGIAN|PUSKESMAS|UPTD|UPT)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AgencyStart();

    [GeneratedRegex(@"^(?:SKPD|OPD|Perangkat\s+Daerah|Unit\s+Kerja|Instansi|Satuan\s+Kerja)\s*:\s*(?<v>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex AgencyField();

    [GeneratedRegex(@"\s*[,(]?\s*\b(?:KABUPATEN|KAB\.?|KOTA)\s+[A-Z][A-Za-z ]*\)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex RegionSuffix();

    public static (string? Agency, List<Agreement> Agreements, List<Finding> Findings) Parse(string text)
    {
        var lines = SplitLines(text);
        var realCovers = MergeRepeatedCovers(lines, CoverReader.FindCovers(lines));
        var docFindings = new List<Finding>();
        if (realCovers.Count == 0 && NotAnAgreement(lines) is { } refusal)
        {
            docFindings.Add(refusal);
            return (null, [], docFindings);
        }

        var covers = Sections.WithCoverless(lines, realCovers);
        var drafts = new List<Draft>();
        for (var k = 0; k < covers.Count; k++)
        {
            var end = k + 1 < covers.Count ? covers[k + 1].StartIndex : lines.Count;
            drafts.Add(ParseRegion(lines, covers[k], end));
        }

        if (drafts.Count == 0)
        {
            var first = lines.FirstOrDefault(l => !l.Blank)?.Number ?? 1;
            docFindings.Add(new Finding("no_agreement", FindingSeverity.Error,
                "tidak ditemukan perjanjian kinerja: tidak ada halaman sampul yang memuat Nama/Jabatan pihak pertama dan pihak kedua", first));
        }
        else
        {
            MarkTruncation(lines, drafts);
        }

        ResolveBudgets(drafts);
        CheckAcrossAgreements(drafts);
        var agreements = drafts.Select(d => d.Build()).ToList();
        return (FindAgency(lines, covers), agreements, docFindings);
    }

    [GeneratedRegex(@"\b(?<kind>LAPORAN\s+KINERJA(?:\s+INSTANSI\s+PEMERINTAH)?|LKj?IP|LAKIP|LAPORAN\s+AKUNTABILITAS\s+KINERJA|RENCANA\s+STRATEGIS|RENSTRA|RENCANA\s+KERJA|RENJA|LAPORAN\s+KEUANGAN|LAPORAN\s+PENYELENGGARAAN|RENCANA\s+AKSI)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReportKind();

    [GeneratedRegex(@"^\s*(?:KATA\s+PENGANTAR|DAFTAR\s+ISI|DAFTAR\s+TABEL|BAB\s+(?:I|1)\b|IKHTISAR\s+EKSEKUTIF|RINGKASAN\s+EKSEKUTIF)", RegexOptions.IgnoreCase)]
    private static partial Regex ReportPart();

    /// <summary>A document that is not an agreement: it has no cover and calls itself a report or plan (LKjIP,
    /// Renstra, Renja ...) with the parts of one (foreword, table of contents, chapters). Its tables may restate an
    /// agreement, but loading them as one would duplicate or falsify it.</summary>
    private static Finding? NotAnAgreement(IReadOnlyList<SourceLine> lines)
    {
        Match? kind = null;
        var kindLine = 0;
        var parts = new List<string>();
        for (var i = 0; i < lines.Count && i < 3000; i++)
        {
            var t = lines[i].Text;
            if (t.Length == 0 || t.Length > 200)
            {
                continue;
            }

            if (kind is null && ReportKind().Match(t) is { Success: true } m)
            {
                kind = m;
                kindLine = lines[i].Number;
            }

            if (ReportPart().Match(t) is { Success: true } p && !parts.Contains(p.Value.Trim().ToUpperInvariant()))
            {
                parts.Add(p.Value.Trim().ToUpperInvariant());
            }
        }

        if (kind is null || parts.Count < 2)
        {
            return null;
        }

        var k = kind.Value.ToUpperInvariant();
        var what = k switch
        {
            _ when k.Contains("LKJIP") || k.Contains("LKIP") || k.Contains("LAKIP") || k.StartsWith("LAPORAN KINERJA") || k.Contains("AKUNTABILITAS") =>
                "laporan kinerja tahunan (LKjIP/LAKIP)",
            _ when k.Contains("STRATEGIS") || k.Contains("RENSTRA") => "rencana strategis (Renstra)",
            _ when k.Contains("RENCANA KERJA") || k.Contains("RENJA") => "rencana kerja (Renja)",
            _ when k.Contains("RENCANA AKSI") => "rencana aksi",
            _ => Text.Collapse(kind.Value).ToLowerInvariant(),
        };
        return new Finding("not_an_agreement", FindingSeverity.Error,
            $"dokumen ini bukan perjanjian kinerja melainkan {what}, \"{Text.Collapse(kind.Value)}\" (baris {kindLine}; memuat {string.Join(", ", parts.Take(3).Select(x => Text.TitleCase(x)))}) dan tidak memiliki halaman sampul dengan Nama/Jabatan pihak pertama dan pihak kedua; tabel perjanjian kinerja yang dikutip di dalamnya tidak dimuat sebagai perjanjian",
            kindLine);
    }

    /// <summary>"Kegiatan : Fasilitasi ...": the level written as a label before the name (the level is kept apart).</summary>
    [GeneratedRegex(@"^(?:sub\s*kegiatan|kegiatan|program)\s*:\s*(?=\S)", RegexOptions.IgnoreCase)]
    private static partial Regex LevelPrefix();

    /// <summary>
    /// The place and date of signing on a line, or at the start of one of its cells: a signature cell of a Word table
    /// holds the date and then the party's title, position and name ("Sumedang, 6 Januari 2025 PIHAK PERTAMA, ...").
    /// </summary>
    private static (string Place, SigningDate Date)? SigningDateIn(SourceLine line)
    {
        if (Dates.Find(line.Text) is { } whole)
        {
            return whole;
        }

        if (line.Segments.Length < 2)
        {
            return null;
        }

        foreach (var segment in line.Segments)
        {
            if (Dates.Find(segment.Length > 160 ? segment[..160] : segment) is { } start)
            {
                return start;
            }
        }

        return null;
    }

    internal static List<SourceLine> SplitLines(string text)
    {
        var lines = new List<SourceLine>();
        var number = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '\n')
            {
                var end = i > start && text[i - 1] == '\r' ? i - 1 : i;
                number++;
                var raw = text[start..end];
                if (raw.Length > 20000)
                {
                    raw = raw[..20000];
                }

                lines.Add(new SourceLine(number, raw));
                start = i + 1;
            }
        }

        if (lines.Count > 0 && lines[^1].Blank && text.EndsWith('\n'))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    private static List<Cover> MergeRepeatedCovers(IReadOnlyList<SourceLine> lines, List<Cover> covers)
    {
        var result = new List<Cover>();
        foreach (var cover in covers)
        {
            if (result.Count > 0)
            {
                var prev = result[^1];
                if (SameParty(prev.First, cover.First) && SameParty(prev.Second, cover.Second) && !HasLampiranBetween(lines, prev.PartiesEndIndex, cover.StartIndex))
                {
                    // The same cover printed twice: one agreement.
                    continue;
                }
            }

            result.Add(cover);
        }

        return result;
    }

    private static bool HasLampiranBetween(IReadOnlyList<SourceLine> lines, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (Lampiran1().IsMatch(lines[i].Text) || Lampiran2().IsMatch(lines[i].Text) || lines[i].IsRow && lines[i].NonEmpty >= 3)
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameParty(Party a, Party b) => PersonKey(a.Name) == PersonKey(b.Name) && Letters(a.Position) == Letters(b.Position);

    /// <summary>A person's name without titles and punctuation: "ISKANDAR MUDA, S.Sos.,M.Si" -> "ISKANDARMUDA".</summary>
    internal static string PersonKey(string name)
    {
        var n = Text.Collapse(name);
        var comma = n.IndexOf(',');
        if (comma > 0)
        {
            n = n[..comma];
        }

        return Letters(n);
    }

    private static string Letters(string s) => new(s.Where(char.IsLetter).Select(char.ToUpperInvariant).ToArray());

    /// <summary>An agreement being assembled from its region of the document.</summary>
    private sealed class Draft
    {
        public required Cover Cover { get; init; }

        public string? Place { get; set; }

        public SigningDate? Date { get; set; }

        /// <summary>Only the year of the signing date is written ("Malili, ........ 2025").</summary>
        public int? SigningYear { get; set; }

        public int RegionEnd { get; set; }

        public List<PerformanceTable> Performance { get; } = [];

        public List<BudgetTable> Budgets { get; } = [];

        public List<ExplanationTable> Explanations { get; } = [];

        public FindingSink Findings { get; } = new();

        public List<IndicatorTarget> Indicators { get; } = [];

        public List<BudgetItem> Budget { get; } = [];

        public List<ExplanationTarget> ExplanationTargets { get; } = [];

        public bool SawLampiran2 { get; set; }

        public int LastPenjelasanLine { get; set; }

        public int LastExplanationTableLine { get; set; }

        public Agreement Build()
        {
            var budget = Budget.Where(b => b.Amount is not null)
                .Select(b => new BudgetLine(b.Level, LevelPrefix().Replace(b.Name, string.Empty), b.Value, b.Source, b.Line)).ToList();
            var findings = Findings.Items.OrderBy(f => f.Line).ThenBy(f => f.Code, StringComparer.Ordinal).ToList();
            return new Agreement(
                Cover.Amendment ? AgreementKind.Amendment : AgreementKind.Original,
                Cover.TitleYear ?? Date?.Year ?? SigningYear,
                Place,
                Date,
                Cover.TitleLine,
                Cover.First,
                Cover.Second,
                Indicators,
                budget,
                ExplanationTargets,
                findings);
        }
    }

    private static Draft ParseRegion(IReadOnlyList<SourceLine> lines, Cover cover, int end)
    {
        var draft = new Draft { Cover = cover, RegionEnd = end };
        var coverDateLine = -1;
        if (cover.Coverless)
        {
            if (Sections.SignatureParties(lines, cover.StartIndex, end) is { } parties)
            {
                cover.First = parties.First;
                cover.Second = parties.Second;
                draft.Findings.Add("cover_missing", FindingSeverity.Warning,
                    "perjanjian tanpa halaman sampul (hanya Lampiran): pihak pertama dan pihak kedua dibaca dari blok tanda tangan", cover.TitleLine);
            }
            else
            {
                draft.Findings.Add("cover_missing", FindingSeverity.Warning,
                    "perjanjian tanpa halaman sampul (hanya Lampiran): pihak pertama dan pihak kedua tidak diketahui", cover.TitleLine);
            }
        }

        for (var i = cover.PartiesEndIndex; i < end && (i < cover.PartiesEndIndex + 60 || cover.Coverless); i++)
        {
            if (!cover.Coverless && (Lampiran1().IsMatch(lines[i].Text) || Lampiran2().IsMatch(lines[i].Text)))
            {
                break;
            }

            if (SigningDateIn(lines[i]) is { } d)
            {
                draft.Place = d.Place;
                draft.Date = d.Date;
                coverDateLine = lines[i].Number;
                break;
            }

            if (Dates.FindYearOnly(lines[i].Text) is { } y)
            {
                draft.Place = y.Place;
                draft.SigningYear = y.Year;
                coverDateLine = lines[i].Number;
                break;
            }
        }

        if (draft.Date is null && draft.SigningYear is null)
        {
            // A cover whose date stands above the parties.
            for (var i = cover.StartIndex; i < cover.PartiesEndIndex; i++)
            {
                if (Dates.Find(lines[i].Text) is { } d)
                {
                    draft.Place = d.Place;
                    draft.Date = d.Date;
                    coverDateLine = lines[i].Number;
                    break;
                }
            }
        }

        var cells = CellStream.Build(lines, cover.PartiesEndIndex, end);
        var inL2 = false;
        PerformanceTable? performance = null;
        BudgetTable? budget = null;
        ExplanationTable? explanation = null;

        void Close()
        {
            performance?.Finish();
            budget?.Finish();
            explanation?.Finish();
            performance = null;
            budget = null;
            explanation = null;
        }

        Header? openHeader = null;
        var openHeaderEnd = -1;
        var agreementYear = cover.TitleYear ?? draft.Date?.Year ?? draft.SigningYear;
        int? indicatorColumnLine = null;
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            var text = cell.Text;
            if (indicatorColumnLine is null && text.Length is > 0 and < 40 && text[0] is 'I' or 'i' && Cells.HeaderKind(text, out _) == ColumnKind.Indicator)
            {
                indicatorColumnLine = cell.Line;
            }

            // "Target" over a row of years, right under the indicator table's header: the agreement's year is the target.
            if (performance is not null && i == openHeaderEnd && openHeader is { IsExplicit: true } && agreementYear is { } year
                && YearRow(cells, i, out var years, out var afterYears))
            {
                openHeader.AbsorbYearRow(years, cells[i].RowWidth);
                openHeader.KeepTargetOfYear(year);
                openHeaderEnd = afterYears;
                i = afterYears - 1;
                continue;
            }

            if (TryHeader(cells, i, out var header, out var next))
            {
                // A row of quarters right under the header row of the agreement's indicator table: part of that
                // header (under a later table - a Rencana Aksi - they keep that table unread, as before).
                if (performance is not null && i == openHeaderEnd && header.IsActionPlan && draft.Performance.Count(p => !p.MappedOnly) == 1
                    && openHeader!.AbsorbPeriodRow(header))
                {
                    if (openHeader.TargetIsLastPeriod)
                    {
                        draft.Findings.Add("target_from_last_quarter", FindingSeverity.Info,
                            "tabel hanya memuat target per triwulan; target tahunan dibaca dari kolom triwulan terakhir", cell.Line);
                    }

                    openHeaderEnd = next;
                    i = next - 1;
                    continue;
                }

                Close();
                openHeader = header;
                openHeaderEnd = next;
                if (agreementYear is { } thisYear)
                {
                    header.KeepTargetOfYear(thisYear);
                }

                // Target and quarter columns in one header row, in the agreement's first indicator table: the
                // quarters detail the target (a Rencana Aksi after the Lampiran has the same columns and stays unread).
                if (header.IsActionPlan && !inL2 && header.Has(ColumnKind.Indicator) && header.Has(ColumnKind.Target)
                    && !draft.Performance.Any(p => !p.MappedOnly))
                {
                    header.TreatPeriodsAsTargetDetail();
                }

                if (header.IsBudget)
                {
                    if (!inL2)
                    {
                        budget = new BudgetTable(header);
                        draft.Budgets.Add(budget);

                        // A program table that also gives each row's indicator and target (Renja style): the rows
                        // are budget lines and indicators; only whole rows mapped to the header are read as indicators.
                        if (header.IsExplicit && header.Has(ColumnKind.Indicator) && header.Has(ColumnKind.Target))
                        {
                            performance = new PerformanceTable(header, new FindingSink()) { MappedOnly = true };
                            draft.Performance.Add(performance);
                        }
                    }
                }
                else if (header.IsPerformance)
                {
                    if (inL2 || (header.Has(ColumnKind.Explanation) && !header.Has(ColumnKind.Objective)))
                    {
                        explanation = new ExplanationTable(header, new FindingSink());
                        draft.Explanations.Add(explanation);
                        draft.LastExplanationTableLine = cell.Line;
                    }
                    else
                    {
                        performance = new PerformanceTable(header, new FindingSink());
                        draft.Performance.Add(performance);
                    }
                }

                i = next - 1;
                continue;
            }

            if (cell.Explicit && cell.RowStart && (performance is not null || budget is not null) && cell.Line - 1 < lines.Count
                && Sections.IsSignatureRow(lines[cell.Line - 1]))
            {
                // The signatories' positions side by side under the table: the table is over.
                Close();
                continue;
            }

            var dateFound = text.Length <= 160 ? Dates.Find(text) : null;
            if (dateFound is { } date)
            {
                Close();
                if (cell.Line != coverDateLine && draft.Date is { } coverDate && Differs(date.Date, coverDate))
                {
                    draft.Findings.Add("date_mismatch", FindingSeverity.Warning,
                        $"tanggal tanda tangan {Dates.Indonesian(date.Date)} berbeda dengan tanggal di sampul {Dates.Indonesian(coverDate)}", cell.Line);
                }

                continue;
            }

            var maybeHeading = text.Length is > 2 and <= 120 && (text[0] is 'L' or 'l' or 'P' or 'p' || text[1] == ')');
            if (maybeHeading && Lampiran2().IsMatch(text))
            {
                Close();
                inL2 = true;
                draft.SawLampiran2 = true;
                if (text.StartsWith("Penjelasan", StringComparison.OrdinalIgnoreCase) || Regex.IsMatch(text, @"^[a-z]\)\s*Penjelasan", RegexOptions.IgnoreCase))
                {
                    draft.LastPenjelasanLine = cell.Line;
                }

                continue;
            }

            var lampiran1 = maybeHeading && Lampiran1().IsMatch(text);
            if (lampiran1 || (text.Length <= 120 && text.Contains("PERJANJIAN", StringComparison.OrdinalIgnoreCase) && Heading().IsMatch(text)))
            {
                Close();
                if (lampiran1)
                {
                    inL2 = false;
                }

                continue;
            }

            if (text.Length <= 60 && text.Length > 5 && text[0] is 'P' or 'p' && Signature().IsMatch(text))
            {
                Close();
                continue;
            }

            if (explanation is not null)
            {
                explanation.Add(cell);
                if (explanation.Closed)
                {
                    explanation = null;
                }
            }
            else if (performance is not null && budget is null)
            {
                if (cell.Paragraph && (text.Length > 60 || performance.HeaderIsExplicit || text.EndsWith(':')) || (cell.Explicit && !performance.HeaderIsExplicit))
                {
                    Close();
                    continue;
                }

                performance.Add(cell);
            }
            else if (budget is not null)
            {
                if (cell.Paragraph && text.Length > 120)
                {
                    Close();
                    continue;
                }

                budget.Add(cell);
                performance?.Add(cell);
                if (budget.Closed)
                {
                    Close();
                }
            }
        }

        Close();
        Collect(draft);
        if (draft.Indicators.Count == 0 && indicatorColumnLine is { } headerLine)
        {
            // Said, not left silent: a layout the table readers do not know must not pass for an agreement without indicators.
            draft.Findings.Add("indicators_unread", FindingSeverity.Warning,
                "ada tabel dengan kolom Indikator, tetapi tidak satu pun indikator beserta targetnya dapat dibaca dari tabel itu; periksa tata letaknya", headerLine);
        }

        return draft;
    }

    /// <summary>Dates differ when a part both give differs (a blank day on one of them is not a difference).</summary>
    private static bool Differs(SigningDate a, SigningDate b) =>
        a.Year != b.Year || a.Month != b.Month || (a.Day is { } x && b.Day is { } y && x != y);

    /// <summary>A header row: header words only, naming either indicator and target or a budget column.</summary>
    private static readonly Header NoHeader = new();

    private static bool TryHeader(List<Cell> cells, int i, out Header header, out int next)
    {
        header = NoHeader;
        next = i;
        var first = cells[i];
        if (Cells.HeaderKind(first.Text, out _) is null)
        {
            return false;
        }

        header = new Header();

        var j = i;
        if (first.Explicit)
        {
            header.IsExplicit = true;
            header.Width = first.RowWidth;
            while (j < cells.Count && cells[j].Row == first.Row)
            {
                var kind = Cells.HeaderKind(cells[j].Text, out var level);
                if (kind is null)
                {
                    return false;
                }

                header.Columns.Add(kind.Value);
                header.ByColumn[cells[j].Column] = kind.Value;
                header.TextByColumn[cells[j].Column] = cells[j].Text;
                if (kind == ColumnKind.Name)
                {
                    header.NameLevel = level;
                }

                j++;
            }
        }
        else
        {
            while (j < cells.Count && j < i + 24 && !cells[j].Explicit)
            {
                var kind = Cells.HeaderKind(cells[j].Text, out var level);
                if (kind is null)
                {
                    break;
                }

                header.Columns.Add(kind.Value);
                if (kind == ColumnKind.Name)
                {
                    header.NameLevel = level;
                }

                j++;
            }
        }

        var known = header.Columns.Count(c => c != ColumnKind.Other);
        var valid = known >= 2
            && ((header.Has(ColumnKind.Indicator) && header.Has(ColumnKind.Target))
                || (header.Has(ColumnKind.Amount) && (header.Has(ColumnKind.Name) || header.Has(ColumnKind.Label) || header.Has(ColumnKind.Source)))
                || header.Columns.Count(c => c == ColumnKind.Explanation) >= 2
                || header.IsActionPlan);
        if (!valid)
        {
            return false;
        }

        // "Uraian" names the budget lines in a table that has an amount column and no program/kegiatan column.
        if (header.IsBudget && !header.Has(ColumnKind.Name))
        {
            var u = header.Columns.IndexOf(ColumnKind.Explanation);
            if (u >= 0)
            {
                header.Columns[u] = ColumnKind.Name;
                foreach (var col in header.ByColumn.Where(kv => kv.Value == ColumnKind.Explanation).Select(kv => kv.Key).ToList())
                {
                    header.ByColumn[col] = ColumnKind.Name;
                }
            }
        }

        if (header.Columns.Count(c => c == ColumnKind.Name) > 1)
        {
            header.NameLevel = null;
        }

        // Skip the column-number row "(1) (2) (3) (4)".
        if (j < cells.Count && cells[j].Explicit && RowIsColumnNumbers(cells, j, out var after))
        {
            j = after;
        }
        else
        {
            var k = j;
            while (k < cells.Count && !cells[k].Explicit && Cells.IsColumnNumber(cells[k].Text))
            {
                k++;
            }

            if (k - j >= 2)
            {
                j = k;
            }
        }

        next = j;
        return true;
    }

    /// <summary>An explicit row of two or more years only ("2024 | 2025 | 2026"), with their columns.</summary>
    private static bool YearRow(List<Cell> cells, int j, out List<(int Column, string Text)> years, out int after)
    {
        years = [];
        var row = cells[j].Row;
        var k = j;
        while (k < cells.Count && cells[k].Row == row && cells[k].Explicit)
        {
            if (!YearCell().IsMatch(cells[k].Text))
            {
                after = j;
                return false;
            }

            years.Add((cells[k].Column, cells[k].Text));
            k++;
        }

        after = k;
        return years.Count >= 2 && cells[j].Explicit;
    }

    [GeneratedRegex(@"^(?:target\s*)?(?:tahun\s*)?(?:19|20)\d\d$", RegexOptions.IgnoreCase)]
    private static partial Regex YearCell();

    private static bool RowIsColumnNumbers(List<Cell> cells, int j, out int after)
    {
        var row = cells[j].Row;
        var k = j;
        var all = true;
        var numbers = 0;
        while (k < cells.Count && cells[k].Row == row)
        {
            // A column number, or one character OCR made of one ("i", "l" for 1).
            var t = cells[k].Text;
            var number = Cells.IsColumnNumber(t);
            numbers += number ? 1 : 0;
            all &= number || t.Length == 1;
            k++;
        }

        after = k;
        return all && numbers >= 2 && k - j >= 2;
    }

    /// <summary>Merges the tables of one agreement; a table repeated (markdown and tab version) counts once.</summary>
    private static void Collect(Draft draft)
    {
        var seen = new List<string>();
        foreach (var t in draft.Performance)
        {
            var key = string.Join("\n", t.Indicators.Select(x => x.Indicator + "=" + x.Target.Raw));
            if (t.Indicators.Count == 0)
            {
                Merge(draft.Findings, t.Findings);
                continue;
            }

            if (seen.Contains(key))
            {
                continue;
            }

            seen.Add(key);
            draft.Indicators.AddRange(t.Indicators);
            Merge(draft.Findings, t.Findings);
        }

        seen.Clear();
        foreach (var t in draft.Budgets)
        {
            var key = string.Join("\n", t.Items.Select(x => x.Name + "=" + x.Amount?.Value));
            if (t.Items.Count == 0 || seen.Contains(key))
            {
                t.Items.Clear();
                continue;
            }

            seen.Add(key);
        }

        seen.Clear();
        foreach (var t in draft.Explanations)
        {
            var key = string.Join("\n", t.Targets.Select(x => x.Indicator + "=" + x.Target.Raw));
            if (t.Targets.Count == 0 || seen.Contains(key))
            {
                continue;
            }

            seen.Add(key);
            draft.ExplanationTargets.AddRange(t.Targets);
            Merge(draft.Findings, t.Findings);
        }

        CheckTargets(draft);
    }

    /// <summary>The words of an indicator without the generic measure words ("jumlah", "persentase", ...).</summary>
    private static List<string> Specific(HashSet<string> tokens) =>
        tokens.Where(t => t is not ("jumlah" or "persentase" or "nilai" or "indeks" or "tingkat" or "rata" or "capaian" or "angka")).ToList();

    private static void Merge(FindingSink into, FindingSink from)
    {
        foreach (var f in from.Items)
        {
            into.Add(f.Code, f.Severity, f.Message, f.Line);
        }
    }

    /// <summary>Lampiran 2 restatements against the Lampiran 1 targets, matched by wording.</summary>
    private static void CheckTargets(Draft draft)
    {
        var l1 = draft.Indicators.Select(i => (Indicator: i, Tokens: Text.Tokens(i.Indicator))).ToList();
        foreach (var e in draft.ExplanationTargets)
        {
            var tokens = Text.Tokens(e.Indicator);
            var ranked = l1.Select(x => (x.Indicator, Score: Text.Similarity(tokens, x.Tokens)))
                .OrderByDescending(x => x.Score).Take(2).ToList();
            if (ranked.Count == 0 || ranked[0].Score < 0.65)
            {
                continue;
            }

            var best = ranked[0];

            // A restatement that contains the wording of several Lampiran 1 indicators combines them.
            var covered = l1.Count(x => Specific(x.Tokens) is var own && own.Count >= 2 && own.Count(tokens.Contains) >= 0.75 * own.Count);
            if (covered >= 2)
            {
                continue;
            }

            if (ranked.Count > 1 && ranked[1].Score >= 0.5 && best.Score - ranked[1].Score < 0.15
                && ranked[1].Indicator.Target.Value != best.Indicator.Target.Value)
            {
                // The restatement fits several Lampiran 1 indicators (it combines them): no single counterpart.
                continue;
            }

            if (e.Target.Value is { } v2 && best.Indicator.Target.Value is { } v1 && v1 != v2)
            {
                draft.Findings.Add("target_mismatch", FindingSeverity.Warning,
                    $"Lampiran 2 menyebut target \"{best.Indicator.Indicator}\" {e.Target.Raw}, sedangkan Lampiran 1 (baris {best.Indicator.Line}) {best.Indicator.Target.Raw}",
                    e.Line);
            }
        }
    }

    /// <summary>Resolves malformed amounts by the document's own sums, then checks that children add up.</summary>
    private static void ResolveBudgets(List<Draft> drafts)
    {
        var allAmounts = new Dictionary<decimal, List<BudgetItem?>>();
        void Index(decimal value, BudgetItem? item)
        {
            if (!allAmounts.TryGetValue(value, out var list))
            {
                allAmounts[value] = list = [];
            }

            list.Add(item);
        }

        foreach (var d in drafts)
        {
            foreach (var t in d.Budgets)
            {
                foreach (var i in t.Items.Where(i => i.Amount is { Malformed: false }))
                {
                    Index(i.Amount!.Value, i);
                }

                foreach (var x in t.Totals)
                {
                    Index(x.Amount, null);
                }
            }
        }

        foreach (var d in drafts)
        {
            foreach (var t in d.Budgets)
            {
                var items = t.Items;
                foreach (var item in items)
                {
                    item.Value = item.Amount?.Value ?? 0;
                }

                for (var idx = 0; idx < items.Count; idx++)
                {
                    var item = items[idx];
                    if (item.Amount is not { Malformed: true } reading)
                    {
                        continue;
                    }

                    var (chosen, why) = ChooseReading(items, idx, reading, t.Totals, allAmounts);
                    item.Value = chosen;
                    d.Findings.Add("malformed_number", FindingSeverity.Warning,
                        $"angka \"{Text.Collapse(reading.Raw)}\" tidak valid; dibaca {Numbers.Rupiah(chosen)} {why}", item.AmountLine);
                }

                foreach (var (raw, line) in t.Unreadable)
                {
                    d.Findings.Add("malformed_number", FindingSeverity.Warning,
                        $"angka anggaran \"{Text.Collapse(raw)}\" tidak terbaca (huruf di antara angka, kemungkinan salah baca OCR); baris anggaran ini tidak dimuat, periksa dokumen asli", line);
                }

                CheckSums(d, t);
                d.Budget.AddRange(items);
            }
        }
    }

    private static (decimal Value, string Why) ChooseReading(List<BudgetItem> items, int idx, AmountReading reading,
        List<(decimal Amount, AmountReading Reading, int Line)> totals, Dictionary<decimal, List<BudgetItem?>> all)
    {
        var item = items[idx];
        var children = ChildrenOf(items, idx);
        var parent = ParentOf(items, idx);
        foreach (var c in reading.Candidates)
        {
            if (children.Count > 0 && children.All(x => x.Amount is not null) && children.Sum(x => x.Amount!.Value) == c)
            {
                return (c, $"karena {LevelWords(children[0].Level)}nya berjumlah sebesar itu");
            }

            if (parent is { } p && items[p].Amount is { } pa)
            {
                var siblings = ChildrenOf(items, p);
                var sum = siblings.Where(s => s != item).Sum(s => s.Amount?.Value ?? 0) + c;
                if (sum == pa.Value)
                {
                    return (c, $"karena dengan angka itu {LevelWords(item.Level)} pada tingkat ini berjumlah sama dengan induknya (baris {items[p].Line})");
                }
            }
        }

        var own = new HashSet<BudgetItem>(items);
        var topLevel = items.Where(y => y.Amount is not null).Select(y => y.Level).DefaultIfEmpty().Min();
        var top = items.Where(x => x.Level == topLevel && x.Amount is not null).ToList();
        foreach (var c in reading.Candidates)
        {
            if (top.Contains(item))
            {
                var sum = top.Where(x => x != item).Sum(x => x.Amount!.Value) + c;
                if (totals.Any(x => x.Amount == sum) || (all.TryGetValue(sum, out var hits) && hits.Any(a => a is null || !own.Contains(a))))
                {
                    return (c, "karena dengan angka itu jumlah tabel sama dengan total yang disebut di bagian lain dokumen");
                }
            }
        }

        foreach (var c in reading.Candidates)
        {
            if (all.TryGetValue(c, out var hits) && hits.Any(a => a is not null && !own.Contains(a) && a.NameKey == item.NameKey))
            {
                return (c, "karena baris yang sama di bagian lain dokumen menyebut angka ini");
            }
        }

        return (reading.Candidates[0], "(pemisah angka diabaikan; tidak ada jumlah dalam dokumen yang mendukung pembacaan lain)");
    }

    private static string LevelWords(BudgetLevel level) => level switch
    {
        BudgetLevel.Program => "program",
        BudgetLevel.Kegiatan => "kegiatan",
        _ => "sub kegiatan",
    };

    /// <summary>Direct children: the following lines one level deeper, up to the next line at this level or above.</summary>
    private static List<BudgetItem> ChildrenOf(List<BudgetItem> items, int idx) => ChildIndices(items, idx).Select(i => items[i]).ToList();

    private static List<int> ChildIndices(List<BudgetItem> items, int idx)
    {
        var result = new List<int>();
        var level = items[idx].Level;
        BudgetLevel? childLevel = null;
        for (var q = idx + 1; q < items.Count && q - idx < 5000 && items[q].Level > level; q++)
        {
            childLevel ??= items[q].Level;
            if (items[q].Level == childLevel)
            {
                result.Add(q);
            }
        }

        return result;
    }

    private static int? ParentOf(List<BudgetItem> items, int idx)
    {
        for (var q = idx - 1; q >= 0 && idx - q < 5000; q--)
        {
            if (items[q].Level < items[idx].Level)
            {
                return q;
            }
        }

        return null;
    }

    private static decimal? EffectiveAmount(List<BudgetItem> items, int idx, int depth)
    {
        if (items[idx].Amount is not null)
        {
            return items[idx].Value;
        }

        var children = ChildIndices(items, idx);
        if (depth > 3 || children.Count == 0)
        {
            return null;
        }

        decimal sum = 0;
        foreach (var c in children)
        {
            if (EffectiveAmount(items, c, depth + 1) is not { } v)
            {
                return null;
            }

            sum += v;
        }

        return sum;
    }

    private static void CheckSums(Draft d, BudgetTable t)
    {
        var items = t.Items;
        for (var idx = 0; idx < items.Count; idx++)
        {
            var parent = items[idx];
            if (parent.Amount is null)
            {
                continue;
            }

            var childIndices = ChildIndices(items, idx);
            if (childIndices.Count == 0)
            {
                continue;
            }

            var children = childIndices.Select(i => items[i]).ToList();

            // A child heading without an amount counts as the sum of its own children.
            decimal sum = 0;
            var known = true;
            foreach (var c in childIndices)
            {
                if (EffectiveAmount(items, c, 0) is { } v)
                {
                    sum += v;
                }
                else
                {
                    known = false;
                    break;
                }
            }

            if (known && sum != parent.Value)
            {
                d.Findings.Add("budget_sum_mismatch", FindingSeverity.Warning,
                    $"{LevelWords(children[0].Level)} di bawah \"{parent.Name}\" berjumlah Rp {Numbers.Rupiah(sum)}, baris ini menyebut Rp {Numbers.Rupiah(parent.Value)} (selisih Rp {Numbers.Rupiah(Math.Abs(parent.Value - sum))})",
                    parent.Line);
            }
        }

        if (items.Count > 0)
        {
            var topLevel = items.Where(x => x.Amount is not null).Select(x => x.Level).DefaultIfEmpty().Min();
            var top = items.Where(x => x.Level == topLevel && x.Amount is not null).ToList();
            foreach (var (amount, _, line) in t.Totals)
            {
                var sum = top.Sum(x => x.Value);
                if (sum != amount)
                {
                    d.Findings.Add("budget_sum_mismatch", FindingSeverity.Warning,
                        $"rincian anggaran berjumlah Rp {Numbers.Rupiah(sum)}, sedangkan baris total menyebut Rp {Numbers.Rupiah(amount)} (selisih Rp {Numbers.Rupiah(Math.Abs(amount - sum))})",
                        line);
                }
            }
        }
    }

    internal static string NameKey(string name)
    {
        var n = Regex.Replace(Text.Collapse(name).ToLowerInvariant(), @"^(?:program|sub\s*kegiatan|kegiatan)\s+", string.Empty);
        return new string(n.Where(char.IsLetterOrDigit).ToArray());
    }

    /// <summary>A superior's budget line against the lines that make it up in the agreements of the officials
    /// below (who name the superior as their second party): the same-named line(s), or a run of lines one level
    /// deeper whose sum comes within 0,1 % of it. A difference is an arithmetic error of the document.</summary>
    private static void CheckAcrossAgreements(List<Draft> drafts)
    {
        // The officials below a superior are looked for between the previous and the next agreement with the
        // superior's own cover (same person, same position), so a file holding many agreement sets stays linear.
        var firstKeys = drafts.Select(d => PersonKey(d.Cover.First.Name)).ToList();
        var secondKeys = drafts.Select(d => PersonKey(d.Cover.Second.Name)).ToList();
        var coverKeys = drafts.Select((d, i) => firstKeys[i] + "|" + Letters(d.Cover.First.Position)).ToList();
        var lastSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        var previousSame = new int[drafts.Count];
        for (var i = 0; i < drafts.Count; i++)
        {
            previousSame[i] = lastSeen.TryGetValue(coverKeys[i], out var p) ? p : -1;
            lastSeen[coverKeys[i]] = i;
        }

        var nextSame = new int[drafts.Count];
        lastSeen.Clear();
        for (var i = drafts.Count - 1; i >= 0; i--)
        {
            nextSame[i] = lastSeen.TryGetValue(coverKeys[i], out var n) ? n : drafts.Count;
            lastSeen[coverKeys[i]] = i;
        }

        for (var k = 0; k < drafts.Count; k++)
        {
            var sup = drafts[k];
            var key = firstKeys[k];
            if (sup.Budget.Count == 0 || key.Length == 0)
            {
                continue;
            }

            var subs = new List<Draft>();
            for (var j = Math.Max(previousSame[k] + 1, k - 400); j < Math.Min(nextSame[k], k + 400); j++)
            {
                if (j != k && secondKeys[j] == key && firstKeys[j] != key)
                {
                    subs.Add(drafts[j]);
                }
            }

            if (subs.Count == 0)
            {
                continue;
            }

            foreach (var line in sup.Budget.Where(b => b.Amount is not null))
            {
                var same = new List<(decimal Amount, int Line)>();
                foreach (var sub in subs)
                {
                    for (var i = 0; i < sub.Budget.Count; i++)
                    {
                        var b = sub.Budget[i];
                        if (b.NameKey != line.NameKey)
                        {
                            continue;
                        }

                        if (b.Amount is not null)
                        {
                            same.Add((b.Value, b.Line));
                        }
                        else
                        {
                            var children = ChildrenOf(sub.Budget, i);
                            if (children.Count > 0 && children.All(c => c.Amount is not null))
                            {
                                same.Add((children.Sum(c => c.Value), b.Line));
                            }
                        }
                    }
                }

                if (same.Count > 0)
                {
                    var sum = same.Sum(s => s.Amount);

                    // Several officials below each restating the whole line (each works under that program):
                    // nothing is split, nothing to add up.
                    var restated = same.Count > 1 && same.All(s => s.Amount == line.Value);
                    if (sum != line.Value && !restated)
                    {
                        sup.Findings.Add("budget_sum_mismatch", FindingSeverity.Warning,
                            $"\"{line.Name}\" di sini Rp {Numbers.Rupiah(line.Value)}, tetapi perjanjian pejabat bawahannya (baris {string.Join(", ", same.Select(s => s.Line))}) berjumlah Rp {Numbers.Rupiah(sum)} (selisih Rp {Numbers.Rupiah(Math.Abs(sum - line.Value))})",
                            line.Line);
                    }

                    continue;
                }

                foreach (var sub in subs)
                {
                    if (NearRun(sub.Budget, line) is { } run)
                    {
                        sup.Findings.Add("budget_sum_mismatch", FindingSeverity.Warning,
                            $"\"{line.Name}\" di sini Rp {Numbers.Rupiah(line.Value)}, tetapi {LevelWords(run.Level)} di bawahnya pada perjanjian pejabat bawahan (baris {run.First}–{run.Last}) berjumlah Rp {Numbers.Rupiah(run.Sum)} (selisih Rp {Numbers.Rupiah(Math.Abs(run.Sum - line.Value))})",
                            line.Line);
                        break;
                    }
                }
            }
        }
    }

    /// <summary>A run of consecutive lines one level below <paramref name="line"/> whose sum is within 0,1 % of
    /// it but not equal, when no run equals it exactly.</summary>
    private static (decimal Sum, int First, int Last, BudgetLevel Level)? NearRun(List<BudgetItem> lines, BudgetItem line)
    {
        if (line.Level == BudgetLevel.SubKegiatan || line.Value <= 0)
        {
            return null;
        }

        var childLevel = line.Level == BudgetLevel.Program ? BudgetLevel.Kegiatan : BudgetLevel.SubKegiatan;
        var level = lines.Where(b => b.Amount is not null && b.Level == childLevel).ToList();
        (decimal, int, int, BudgetLevel)? near = null;
        for (var i = 0; i < level.Count; i++)
        {
            decimal sum = 0;
            for (var j = i; j < level.Count && j < i + 60; j++)
            {
                sum += level[j].Value;
                if (sum == line.Value)
                {
                    return null;
                }

                if (j > i && Math.Abs(sum - line.Value) * 1000 <= line.Value && near is null)
                {
                    near = (sum, level[i].Line, level[j].Line, childLevel);
                }

                if (sum > line.Value * 1.01m)
                {
                    break;
                }
            }
        }

        return near;
    }

    /// <summary>The file ends inside its last agreement: no Lampiran tables, or a Penjelasan without its target table.</summary>
    private static void MarkTruncation(IReadOnlyList<SourceLine> lines, List<Draft> drafts)
    {
        var last = drafts[^1];
        var lastLine = lines.LastOrDefault(l => !l.Blank)?.Number ?? 1;
        if (last.Performance.Count == 0 && last.Budgets.Count == 0)
        {
            last.Findings.Add("agreement_truncated", FindingSeverity.Warning, "berkas berakhir setelah halaman sampul, sebelum tabel Lampiran", lastLine);
        }
        else if (last.SawLampiran2 && last.LastPenjelasanLine > last.LastExplanationTableLine)
        {
            last.Findings.Add("agreement_truncated", FindingSeverity.Warning, "berkas berakhir di tengah Lampiran 2: Penjelasan terakhir tidak memiliki tabel target", lastLine);
        }
        else if (lines.LastOrDefault(l => !l.Blank) is { } end && (end.Text.EndsWith(':') || (end.IsRow && last.SawLampiran2 && last.LastExplanationTableLine > 0 && !EndsSentence(end.Segments.Last(x => x.Length > 0)))))
        {
            last.Findings.Add("agreement_truncated", FindingSeverity.Warning, "berkas terhenti di tengah baris tabel pada perjanjian terakhir", lastLine);
        }
    }

    private static bool EndsSentence(string text) => text.TrimEnd().EndsWith('.') || text.TrimEnd().EndsWith('!') || text.TrimEnd().EndsWith('?');

    /// <summary>The agency named in the headings (the most frequent), in title case, without the regency.</summary>
    private static string? FindAgency(IReadOnlyList<SourceLine> lines, List<Cover> covers)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var t = lines[i].Text;
            // "OPD: ..." and its kin need a colon and at least five characters; matched once per line.
            var field = t.Length is > 4 and <= 100 && t.Contains(':') ? AgencyField().Match(t) : Match.Empty;
            if (t.Length > 100 || (lines[i].IsRow && !field.Success))
            {
                continue;
            }

            if (field.Success)
            {
                t = field.Groups["v"].Value.Trim();
            }

            var h = Heading().Match(t);
            if (h.Success)
            {
                t = Regex.Replace(t[(h.Index + h.Length)..], @"^\w*\s*", string.Empty);
                t = Regex.Replace(t, @"\bTAHUN\b.*$", string.Empty, RegexOptions.IgnoreCase).Trim();
            }

            if (!AgencyStart().IsMatch(t) || t.Any(char.IsDigit) || t.Contains(':'))
            {
                continue;
            }

            if (Regex.IsMatch(t, @"\b(?:DAN|&)$", RegexOptions.IgnoreCase) && i + 1 < lines.Count)
            {
                t = t + " " + lines[i + 1].Text;
            }
            else if (i + 1 < lines.Count && lines[i + 1].Text.Equals("DAERAH", StringComparison.OrdinalIgnoreCase))
            {
                // A long name whose last word went to the next line ("BADAN PERENCANAAN ... PENGEMBANGAN" / "DAERAH").
                t = t + " " + lines[i + 1].Text;
            }

            var name = RegionSuffix().Replace(t, string.Empty).Trim().TrimEnd(',', '.').Trim();
            name = Regex.Replace(name, @"^KANTOR\s+(?=KECAMATAN\b)", string.Empty, RegexOptions.IgnoreCase);
            name = Regex.Replace(name, @"^KANTOR\s+CAMAT\b", "KECAMATAN", RegexOptions.IgnoreCase);
            if (name.Split(' ').Length < 2)
            {
                continue;
            }

            var key = name.ToUpperInvariant();
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        if (counts.Count == 0)
        {
            // No heading names the agency: take it from the first party's position ("KEPALA DINAS KESEHATAN").
            foreach (var cover in covers)
            {
                var position = Text.Collapse(cover.First.Position);
                var m = Regex.Match(position, @"\b(?:DINAS|BADAN|SEKRETARIAT|KECAMATAN|INSPEKTORAT|SATUAN POLISI|RUMAH SAKIT|RSUD|KELURAHAN|PUSKESMAS|UPTD|UPT)\b.*$", RegexOptions.IgnoreCase);
                if (m.Success)
                {
                    return Text.TitleCase(RegionSuffix().Replace(m.Value, string.Empty).Trim());
                }

                var camat = Regex.Match(position, @"^CAMAT\s+(?<name>.+)$", RegexOptions.IgnoreCase);
                if (camat.Success)
                {
                    return Text.TitleCase("KECAMATAN " + camat.Groups["name"].Value);
                }
            }

            return null;
        }

        // Merge an acronym form ("... DAN PTSP") into its spelled-out form ("... DAN PELAYANAN TERPADU SATU PINTU").
        var merged = new Dictionary<string, int>(counts, StringComparer.Ordinal);
        foreach (var shortForm in counts.Keys)
        {
            foreach (var longForm in counts.Keys)
            {
                if (shortForm != longForm && Expands(shortForm, longForm) && merged.ContainsKey(shortForm))
                {
                    merged[longForm] = merged.GetValueOrDefault(longForm) + merged[shortForm];
                    merged.Remove(shortForm);
                }
            }
        }

        var best = merged.OrderByDescending(kv => kv.Value).ThenByDescending(kv => kv.Key.Length).First().Key;
        return Text.TitleCase(best);
    }

    private static bool Expands(string shortForm, string longForm)
    {
        var s = shortForm.Split(' ');
        var l = longForm.Split(' ');
        var acronym = s[^1];
        if (acronym.Length < 2 || acronym.Any(c => "AEIOU".Contains(c)) && acronym.Length > 4)
        {
            return false;
        }

        var prefix = s[..^1];
        if (l.Length < prefix.Length + acronym.Length || !l.Take(prefix.Length).SequenceEqual(prefix))
        {
            return false;
        }

        var tail = l.Skip(prefix.Length).ToArray();
        return tail.Length == acronym.Length && tail.Select(w => w[0]).SequenceEqual(acronym);
    }
}
