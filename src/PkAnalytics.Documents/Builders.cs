using System.Text.RegularExpressions;
using PkAnalytics.Domain.Agreements;

namespace PkAnalytics.Documents;

/// <summary>Collects findings of one agreement, without duplicates of the same code on the same line.</summary>
internal sealed class FindingSink
{
    private readonly HashSet<(string, int)> seen = [];

    public List<Finding> Items { get; } = [];

    public void Add(string code, FindingSeverity severity, string message, int line)
    {
        if (seen.Add((code, line)))
        {
            Items.Add(new Finding(code, severity, message, line));
        }
    }
}

/// <summary>
/// The cells of one explicit row (tab- or pipe-separated in the source) buffered until the row is complete, so a
/// table reads the row as a whole; the next row's first cell, a free-standing cell or the table's end completes it.
/// </summary>
internal sealed class RowBuffer
{
    private readonly List<Cell> cells = [];
    private int row = -1;

    public bool StartsNewRow(Cell cell) => cell.Row != row;

    public void Add(Cell cell)
    {
        row = cell.Row;
        cells.Add(cell);
    }

    /// <summary>The buffered row, emptying the buffer; null when nothing is buffered.</summary>
    public Cell[]? Take()
    {
        if (cells.Count == 0)
        {
            return null;
        }

        var taken = cells.ToArray();
        cells.Clear();
        return taken;
    }
}

/// <summary>Lampiran 1 performance table(s): objectives, indicators and targets, by row structure and wording.</summary>
internal sealed partial class PerformanceTable(Header header, FindingSink findings)
{
    public FindingSink Findings => findings;

    private readonly List<IndicatorTarget> output = [];
    private string objective = string.Empty;
    private int objectiveLine;
    private bool objectiveHasIndicator = true;
    private Cell? indicator;
    private string? unit;
    private bool rowHasObjective;

    public IReadOnlyList<IndicatorTarget> Indicators => output;

    private bool HasObjectiveColumn => header.Has(ColumnKind.Objective);

    public bool HeaderIsExplicit => header.IsExplicit;

    /// <summary>Read only whole rows that map onto the header (the table is mainly something else, e.g. a budget).</summary>
    public bool MappedOnly { get; init; }

    public void Add(Cell cell)
    {
        // In a program table that also gives indicators, a row of a second indicator under the same program ends
        // after its target (the program's cells are merged from the row above): it is still a whole row.
        if (cell.Explicit && header.IsExplicit && (cell.RowWidth == header.Width || MappedOnly && cell.RowWidth < header.Width))
        {
            AddMapped(cell);
            return;
        }

        if (MappedOnly)
        {
            return;
        }

        FlushExplicitRow();
        AddSemantic(cell);
    }

    private readonly RowBuffer explicitRow = new();

    private void AddMapped(Cell cell)
    {
        if (explicitRow.StartsNewRow(cell))
        {
            FlushExplicitRow();
        }

        explicitRow.Add(cell);
    }

    private IndicatorTarget? lastEmitted;
    private int lastEmittedIndex = -1;

    private void FlushExplicitRow()
    {
        if (explicitRow.Take() is not { } row)
        {
            return;
        }

        Cell? label = null, obj = null, ind = null, target = null, unitCell = null;
        foreach (var c in row)
        {
            var kind = c.RowWidth < header.Width && MappedOnly && header.ByColumn.TryGetValue(c.Column, out var k) ? k : header.KindOf(c);
            switch (kind)
            {
                case ColumnKind.Label: label = c; break;
                case ColumnKind.Objective: obj = c; break;
                case ColumnKind.Indicator: ind = c; break;
                case ColumnKind.Target: target = c; break;
                case ColumnKind.Unit: unitCell = c; break;
            }
        }

        freshRow = false;
        var firstText = obj ?? ind;
        if (label is null && target is null && firstText is not null && lastEmitted is not null && IsContinuation(firstText.Text))
        {
            // A row wrapped onto the next line: its texts belong to the previous row's cells.
            var prev = lastEmitted;
            var newObjective = obj is null ? prev.Objective : Text.Collapse(prev.Objective + " " + obj.Text);
            var newIndicator = ind is null ? prev.Indicator : Text.Collapse(prev.Indicator + " " + Text.StripItemLabel(ind.Text));
            lastEmitted = prev with { Objective = newObjective, Indicator = newIndicator };
            output[lastEmittedIndex] = lastEmitted;
            if (obj is not null)
            {
                objective = newObjective;
            }

            return;
        }

        if (obj is not null && ind is null && target is null && GoalRow().IsMatch(obj.Text))
        {
            // "Tujuan 1. ..." in a Tujuan/Sasaran column (the goal above the objectives) or a "Program ..." heading
            // over the objectives of its kegiatan: not an objective.
            return;
        }

        if (label is not null || obj is not null)
        {
            CloseObjective();
        }

        if (obj is not null)
        {
            parent = null;
            objective = Text.StripItemLabel(obj.Text);
            objectiveLine = obj.Line;
            objectiveHasIndicator = false;
        }

        if (ind is null)
        {
            if (target is not null && obj is not null)
            {
                // Indicator column merged away: nothing to attach the target to.
                findings.Add("objective_without_indicator", FindingSeverity.Warning, $"sasaran \"{objective}\" memiliki target tetapi tidak memiliki indikator", obj.Line);
                objectiveHasIndicator = true;
            }

            return;
        }

        if (target is null)
        {
            if (IsParent(ind.Text))
            {
                // "Jumlah dokumen (dokumen):" with its items on the rows below.
                parent = Text.StripItemLabel(ind.Text);
                objectiveHasIndicator = true;
                return;
            }

            findings.Add("objective_without_indicator", FindingSeverity.Warning, $"indikator \"{Text.StripItemLabel(ind.Text)}\" tidak memiliki target", ind.Line);
            objectiveHasIndicator = true;
            return;
        }

        if (indicator is not null && IsParent(indicator.Text) && IsItem(ind.Text))
        {
            parent = Text.StripItemLabel(indicator.Text);
            indicator = null;
        }

        Emit(ind, target, unitCell?.Text);
    }

    /// <summary>The parent of nested items: an indicator whose text ends with a colon and has no target.</summary>
    private string? parent;

    private static bool IsParent(string text) => text.TrimEnd().EndsWith(':');

    private static bool IsItem(string text) => NestedItem().IsMatch(text.TrimStart());

    [GeneratedRegex(@"^(?:[-•·▪*]\s*|[a-z][.)]\s+)")]
    private static partial Regex NestedItem();

    [GeneratedRegex(@"^\s*\d{1,2}[.)]\s*(?=\S)")]
    private static partial Regex NumberedItem();

    [GeneratedRegex(@"\((?<u>[^()]{1,30})\)\s*:?\s*$")]
    private static partial Regex ParentUnit();

    private static bool IsContinuation(string text)
    {
        var t = text.Trim();
        return t.Length > 0 && (char.IsLower(t[0]) || t.Split(' ').Length <= 2);
    }

    private void CloseObjective()
    {
        if (!objectiveHasIndicator && objective.Length > 0)
        {
            findings.Add("objective_without_indicator", FindingSeverity.Warning, $"sasaran \"{objective}\" tidak memiliki indikator maupun target", objectiveLine);
        }

        objectiveHasIndicator = true;
    }

    private void AddSemantic(Cell cell)
    {
        var text = cell.Text;
        if (Cells.IsLabel(text) && !(indicator is not null && Cells.LooksLikeTarget(text) && !text.EndsWith('.') && !text.EndsWith(')')))
        {
            if (indicator is not null)
            {
                findings.Add("objective_without_indicator", FindingSeverity.Warning, $"indikator \"{Text.StripItemLabel(indicator.Text)}\" tidak memiliki target", indicator.Line);
                indicator = null;
            }

            CloseObjective();
            rowHasObjective = false;
            freshRow = true;
            return;
        }

        if (text.Split(' ').Length <= 4 && Cells.HeaderKind(text, out _) is ColumnKind.Objective or ColumnKind.Indicator or ColumnKind.Target)
        {
            // "Sasaran Program" / "Sasaran Kegiatan": a section row of the table.
            freshRow = true;
            rowHasObjective = false;
            return;
        }

        if (indicator is not null && Cells.LooksLikeTarget(text))
        {
            Emit(indicator, cell, unit);
            indicator = null;
            unit = null;
            return;
        }

        if (indicator is not null && IsParent(indicator.Text) && IsItem(text))
        {
            parent = Text.StripItemLabel(indicator.Text);
            indicator = new Cell(cell.Parts[0].Text, cell.Parts[0].Line);
            return;
        }

        if (indicator is not null && IsUnitWord(text))
        {
            unit = text;
            return;
        }

        if (Cells.LooksLikeTarget(text))
        {
            // A value with no indicator before it: ignore (layout debris).
            return;
        }

        if (cell.Paragraph && text.Length > 120)
        {
            return;
        }

        if (indicator is null && lastEmitted is not null && !freshRow && !cell.Paragraph && char.IsLower(text[0]))
        {
            // The indicator cell of the row above wrapped onto a line of its own.
            lastEmitted = lastEmitted with { Indicator = Text.Collapse(lastEmitted.Indicator + " " + text) };
            output[lastEmittedIndex] = lastEmitted;
            return;
        }

        if (indicator is not null)
        {
            if (!cell.RowStart || IsContinuation(text))
            {
                // A second text cell before the target: the indicator text continues (or a merged layout).
                indicator.Parts.AddRange(cell.Parts);
                return;
            }

            findings.Add("objective_without_indicator", FindingSeverity.Warning, $"indikator \"{Text.StripItemLabel(indicator.Text)}\" tidak memiliki target", indicator.Line);
            indicator = null;
        }

        bool asObjective;
        if (!HasObjectiveColumn)
        {
            asObjective = false;
        }
        else if (!rowHasObjective && freshRow)
        {
            asObjective = true;
        }
        else
        {
            asObjective = Cells.LooksLikeObjective(text) && !Cells.LooksLikeIndicator(text);
        }

        freshRow = false;
        if (asObjective && GoalRow().IsMatch(text))
        {
            // A goal ("Tujuan 1. ...") or a "Program ..." heading in the objective column: not an objective.
            CloseObjective();
            objective = string.Empty;
            rowHasObjective = false;
            freshRow = true;
            return;
        }

        if (asObjective)
        {
            CloseObjective();
            objective = Text.StripItemLabel(text);
            objectiveLine = cell.Line;
            objectiveHasIndicator = false;
            rowHasObjective = true;
            return;
        }

        indicator = new Cell(cell.Parts[0].Text, cell.Parts[0].Line);
        indicator.Parts.AddRange(cell.Parts.Skip(1));
        rowHasObjective = true;
    }

    private bool freshRow = true;

    private static bool IsUnitWord(string text) =>
        text.Length <= 20 && !text.Any(char.IsDigit) && text.Split(' ').Length <= 2 && !Cells.LooksLikeObjective(text);

    private void Emit(Cell indicatorCell, Cell targetCell, string? unitText)
    {
        objectiveHasIndicator = true;
        var items = SplitItems(indicatorCell);
        var targets = SplitItems(targetCell);
        if (items.Count >= 2 && items.Count == targets.Count)
        {
            for (var i = 0; i < items.Count; i++)
            {
                // "1. 120" next to "1. Jumlah ...": the item's number is not the target.
                var t = NumberedItem().Match(targets[i].Text) is { Success: true } m && NumberedItem().IsMatch(items[i].Text) ? targets[i].Text[m.Length..] : targets[i].Text;
                Add(items[i].Text, items[i].Line, t, targets[i].Line, unitText);
            }

            return;
        }

        Add(indicatorCell.Text, indicatorCell.Line, targetCell.Text, targetCell.Line, unitText);
    }

    private void Add(string indicatorText, int line, string targetText, int targetLine, string? unitText)
    {
        var target = Numbers.ParseTarget(Text.StripLetterLabel(targetText), unitText, out var ambiguous, out var malformed);
        if (malformed)
        {
            findings.Add("malformed_number", FindingSeverity.Warning, $"target \"{target.Raw}\" memuat spasi yang tersisip di tengah angka; dibaca {Numbers.Indonesian(target.Value)}", targetLine);
        }

        if (ambiguous)
        {
            findings.Add("ambiguous_number", FindingSeverity.Info, $"target \"{target.Raw}\" dapat dibaca dengan dua cara; dibaca {Numbers.Indonesian(target.Value)} (titik sebagai pemisah ribuan, sesuai kaidah Indonesia)", targetLine);
        }

        var ind = Text.StripItemLabel(indicatorText);
        if (parent is not null)
        {
            if (IsItem(Text.Collapse(indicatorText)))
            {
                // A nested item: the parent's words, then the item; the parent's "(satuan)" is the unit.
                ind = parent + " " + ind;
                if (target.Unit is null && ParentUnit().Match(parent) is { Success: true } pu)
                {
                    target = target with { Unit = pu.Groups["u"].Value.Trim() };
                }
            }
            else
            {
                parent = null;
            }
        }

        lastEmitted = new IndicatorTarget(objective, ind, target, line);
        output.Add(lastEmitted);
        lastEmittedIndex = output.Count - 1;
    }

    [GeneratedRegex(@"^(?:[a-z][.)]|-|\d+[.)])\s")]
    private static partial Regex ItemLabel();

    [GeneratedRegex(@"^(?:Tujuan|Program)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GoalRow();

    [GeneratedRegex(@"(?:^|\s)-\s+")]
    private static partial Regex DashItems();

    [GeneratedRegex(@"(?:^|(?<=[;.,]\s?)|\s)(?=[a-z][.)]\s)")]
    private static partial Regex LetterItems();

    /// <summary>Sub-items of one cell: "- " bullets / HTML paragraphs / "a." letters on one line, or the cell's
    /// lines when each of them starts with an item label. Otherwise the cell is one item.</summary>
    internal static List<(string Text, int Line)> SplitItems(Cell cell)
    {
        var explicitItems = new List<(string, int)>();
        var lineItems = new List<(string Text, int Line, bool Labelled)>();
        var split = false;
        foreach (var (partText, line) in cell.Parts)
        {
            var pieces = partText.Split(Text.ItemSeparator).Select(Text.Collapse).Where(p => p.Length > 0).ToList();
            if (pieces.Count > 1)
            {
                split = true;
            }

            foreach (var p in pieces)
            {
                if (p.StartsWith('-') && DashItems().Matches(p).Count >= 2)
                {
                    split = true;
                    explicitItems.AddRange(DashItems().Split(p).Select(Text.Collapse).Where(d => d.Length > 0).Select(d => (d, line)));
                    continue;
                }

                if (p.StartsWith("a.", StringComparison.Ordinal) || p.StartsWith("a)", StringComparison.Ordinal))
                {
                    var letters = LetterItems().Split(p).Select(Text.Collapse).Where(x => x.Length > 0).ToList();
                    if (letters.Count >= 2)
                    {
                        split = true;
                        explicitItems.AddRange(letters.Select(x => (x, line)));
                        continue;
                    }
                }

                explicitItems.Add((p, line));
                lineItems.Add((p, line, ItemLabel().IsMatch(p)));
            }
        }

        if (split)
        {
            return explicitItems;
        }

        // Lines of a wrapped cell: separate items only when every line starts with an item label.
        if (lineItems.Count >= 2 && lineItems.All(l => l.Labelled))
        {
            return lineItems.Select(l => (l.Text, l.Line)).ToList();
        }

        return [(cell.Text, cell.Line)];
    }

    public void Finish()
    {
        FlushExplicitRow();
        if (indicator is not null)
        {
            findings.Add("objective_without_indicator", FindingSeverity.Warning, $"indikator \"{Text.StripItemLabel(indicator.Text)}\" tidak memiliki target", indicator.Line);
            indicator = null;
        }

        CloseObjective();
    }
}

/// <summary>One budget row before its level is resolved.</summary>
internal sealed class BudgetItem
{
    public required string Name { get; set; }

    public required int Line { get; init; }

    public string? Label { get; init; }

    public int Indent { get; init; }

    public BudgetLevel? PrefixLevel { get; init; }

    public BudgetLevel? MarkerLevel { get; init; }

    public AmountReading? Amount { get; set; }

    public int AmountLine { get; set; }

    public string? Source { get; set; }

    public BudgetLevel Level { get; set; }

    public decimal Value { get; set; }

    private string? nameKey;

    /// <summary>The name without its level word, letters and digits only, for matching the same line elsewhere.</summary>
    public string NameKey => nameKey ??= PkParser.NameKey(Name);
}

/// <summary>Lampiran 1 budget table(s): program / kegiatan / sub kegiatan lines with amounts and sources.</summary>
internal sealed class BudgetTable(Header header)
{
    private readonly List<(string Text, int Line, string? Label, int Indent)> pendingNames = [];
    private readonly List<BudgetItem> awaitingSource = [];
    private BudgetLevel? marker;
    private string? pendingLabel;
    private int pendingIndent;
    private bool pendingTotal;
    private readonly RowBuffer explicitRow = new();

    public List<BudgetItem> Items { get; } = [];

    public List<(decimal Amount, AmountReading Reading, int Line)> Totals { get; } = [];

    public Header Header => header;

    /// <summary>Amount cells that could not be read (a letter inside the digits), with their lines.</summary>
    public List<(string Raw, int Line)> Unreadable { get; } = [];

    /// <summary>A labelled total row was read: the table is over.</summary>
    public bool Closed { get; private set; }

    private bool unreadableRow;

    public void Add(Cell cell)
    {
        if (Closed)
        {
            return;
        }

        if (cell.Explicit)
        {
            if (explicitRow.StartsNewRow(cell))
            {
                FlushExplicitRow();
            }

            if (!Closed)
            {
                explicitRow.Add(cell);
            }

            return;
        }

        FlushExplicitRow();
        if (!Closed)
        {
            AddSemantic(cell);
        }
    }

    private void AddSemantic(Cell cell)
    {
        var text = cell.Text;
        if (Cells.IsCurrency(text))
        {
            return;
        }

        if (Cells.IsSource(text))
        {
            if (awaitingSource.Count > 0)
            {
                awaitingSource[0].Source = Cells.SourceText(text).ToUpperInvariant().TrimEnd('.');
                awaitingSource.RemoveAt(0);
            }

            return;
        }

        if (Cells.SplitAmountSource(text, out var amountText, out var glued))
        {
            AddAmount(amountText, cell.Line);
            if (awaitingSource.Count > 0)
            {
                awaitingSource[^1].Source = glued.ToUpperInvariant();
                awaitingSource.RemoveAt(awaitingSource.Count - 1);
            }

            return;
        }

        if (Numbers.LooksLikeAmount(text))
        {
            AddAmount(text, cell.Line);
            return;
        }

        if (Cells.IsTotal(text))
        {
            pendingTotal = true;
            return;
        }

        if (text.Length <= 14 && Cells.LevelWord(text) is { } level && Cells.IsLevelMarker(text))
        {
            marker = level;
            return;
        }

        if (Cells.IsLabel(text))
        {
            pendingLabel = text;
            pendingIndent = cell.Indent;
            awaitingSource.Clear();
            return;
        }

        if (Cells.SplitNameAmount(text, out var n, out var a, out var s))
        {
            AddName(n, cell.Line, cell.Indent);
            AddAmount(a, cell.Line);
            if (s is not null && awaitingSource.Count > 0)
            {
                awaitingSource[^1].Source = s.ToUpperInvariant();
                awaitingSource.RemoveAt(awaitingSource.Count - 1);
            }

            return;
        }

        if (pendingNames.Count > 0 && Cells.SplitInlineLabel(text).Label is null && Cells.LevelOfName(text) is null)
        {
            // A wrapped name.
            var last = pendingNames[^1];
            pendingNames[^1] = (last.Text + " " + text, last.Line, last.Label, last.Indent);
            return;
        }

        AddName(text, cell.Line, cell.Indent);
    }

    private void AddName(string text, int line, int indent)
    {
        if (pendingLabel is null && pendingNames.Count == 0 && Items.Count > 0 && Items[^1].Amount is not null && char.IsLower(text[0]))
        {
            // The name of the row above wrapped onto a line of its own.
            Items[^1].Name = Text.Collapse(Items[^1].Name + " " + text);
            return;
        }

        var (inlineLabel, rest) = Cells.SplitInlineLabel(text);
        var label = inlineLabel ?? pendingLabel;
        var ind = pendingLabel is not null ? pendingIndent : indent;
        pendingLabel = null;
        if (Cells.IsTotal(rest))
        {
            pendingTotal = true;
            return;
        }

        pendingNames.Add((Text.StripItemLabel(rest), line, label, ind));
    }

    private void AddAmount(string text, int line)
    {
        var reading = Numbers.ParseAmount(text);
        if (reading is null)
        {
            return;
        }

        if (pendingNames.Count == 0 && !pendingTotal && Items.Count > 0 && Items[^1].Amount is null && Items[^1].Line >= line - 3)
        {
            // The amount of the row above on a line of its own: joined to that row.
            Items[^1].Amount = reading;
            Items[^1].AmountLine = line;
            awaitingSource.Add(Items[^1]);
            return;
        }

        if (pendingNames.Count == 0 || pendingTotal)
        {
            if (pendingTotal || Items.Count > 0)
            {
                Totals.Add((reading.Value, reading, line));
            }

            pendingTotal = false;
            pendingNames.Clear();
            return;
        }

        var (name, nameLine, label, indent) = pendingNames[0];
        pendingNames.RemoveAt(0);
        var item = new BudgetItem
        {
            Name = name,
            Line = nameLine,
            Label = label,
            Indent = indent,
            PrefixLevel = Cells.LevelOfName(name),
            MarkerLevel = marker,
            Amount = reading,
            AmountLine = line,
        };
        marker = null;
        Items.Add(item);
        awaitingSource.Add(item);
    }

    private void FlushExplicitRow()
    {
        if (explicitRow.Take() is not { } cells)
        {
            return;
        }

        string? label = null;
        Cell? name = null;
        string? amount = null;
        var amountLine = 0;
        string? source = null;
        var indent = cells[0].Indent;
        foreach (var c in cells)
        {
            var kind = header.KindOf(c);
            var t = c.Text;
            if (kind is ColumnKind.Indicator or ColumnKind.Objective or ColumnKind.Target or ColumnKind.Explanation)
            {
                continue;
            }

            if (Cells.IsCurrency(t))
            {
                continue;
            }

            if (Cells.IsSource(t))
            {
                source = Cells.SourceText(t).ToUpperInvariant().TrimEnd('.');
                continue;
            }

            if (Cells.SplitAmountSource(t, out var a, out var s))
            {
                amount = a;
                amountLine = c.Line;
                source = s.ToUpperInvariant();
                continue;
            }

            if (header.IsExplicit && c.Explicit && c.RowWidth <= header.Width && header.ByColumn.TryGetValue(c.Column, out var mapped)
                && mapped == ColumnKind.Other && header.ByColumn.ContainsValue(ColumnKind.Amount) && Numbers.LooksLikeAmount(t))
            {
                // A part of the line's amount in a column of its own ("Belanja Operasi", "Belanja Modal"): the
                // amount is in the header's amount column (the Jumlah).
                continue;
            }

            if (amount is null && Numbers.LooksLikeAmount(t))
            {
                amount = t;
                amountLine = c.Line;
                continue;
            }

            if (amount is null && kind is ColumnKind.Amount or ColumnKind.Other && Numbers.IsUnreadableAmount(t))
            {
                Unreadable.Add((t, c.Line));
                unreadableRow = true;
                continue;
            }

            if (name is null && Cells.IsLabel(t) && (label is null || Cells.LabelStyle(t).StartsWith("dotted", StringComparison.Ordinal)))
            {
                // A program code ("1.06.01") is a better label than a row number in a "No" column.
                label = t;
                continue;
            }

            if (name is null && kind != ColumnKind.Amount)
            {
                name = c;
            }
        }

        if (name is not null && Cells.IsTotal(Cells.SplitInlineLabel(name.Text).Text))
        {
            if (amount is not null && Numbers.ParseAmount(amount) is { } total)
            {
                Totals.Add((total.Value, total, amountLine));
            }

            // A labelled total ends the table: what follows (signatures, notes) is not a budget line.
            Closed = amount is not null;
            return;
        }

        if (unreadableRow && amount is null)
        {
            // The row's amount could not be read: no budget line is guessed (the finding names it).
            unreadableRow = false;
            return;
        }

        if (name is null)
        {
            if (amount is not null && Numbers.ParseAmount(amount) is { } total)
            {
                if (Items.Count > 0 && Items[^1].Amount is null && Items[^1].Line >= amountLine - 2)
                {
                    // The amount of the row above, on a line of its own (a wrapped row): joined to that row.
                    Items[^1].Amount = total;
                    Items[^1].AmountLine = amountLine;
                    Items[^1].Source ??= source;
                }
                else
                {
                    // An amount without a name above or under the lines: a stated total, checked against them.
                    Totals.Add((total.Value, total, amountLine));
                }
            }

            return;
        }

        var (inlineLabel, rest) = Cells.SplitInlineLabel(name.Text);
        label ??= inlineLabel;
        if (label is null && amount is null && Items.Count > 0 && IsContinuation(rest))
        {
            Items[^1].Name = Text.Collapse(Items[^1].Name + " " + rest);
            return;
        }

        if (label is null && Items.Count > 0 && Items[^1].Amount is null && amount is not null
            && (EndsOpen(Items[^1].Name) || char.IsLower(rest[0])) && Cells.LevelOfName(rest) is null)
        {
            // A name wrapped onto the next row, its amount there: one line.
            var wrapped = Items[^1];
            wrapped.Name = Text.Collapse(wrapped.Name + " " + rest);
            wrapped.Amount = Numbers.ParseAmount(amount);
            wrapped.AmountLine = amountLine;
            wrapped.Source ??= source;
            return;
        }

        // Names before this row that never got an amount are headings (e.g. "A. Program X" without a sum).
        FlushPendingAsHeadings();
        var item = new BudgetItem
        {
            Name = Text.StripItemLabel(rest),
            Line = name.Line,
            Label = label,
            Indent = indent,
            PrefixLevel = Cells.LevelOfName(rest),
            MarkerLevel = marker,
            Amount = amount is null ? null : Numbers.ParseAmount(amount),
            AmountLine = amountLine,
            Source = source,
        };
        marker = null;
        Items.Add(item);
    }

    private static bool IsContinuation(string text)
    {
        var t = text.Trim();
        return t.Length > 0 && (char.IsLower(t[0]) || t.Split(' ').Length <= 2);
    }

    /// <summary>A name that stops on a connecting word or punctuation: it goes on in the next row.</summary>
    private static bool EndsOpen(string name)
    {
        var t = name.TrimEnd();
        var last = t[(t.LastIndexOf(' ') + 1)..].ToLowerInvariant();
        return t.EndsWith(',') || t.EndsWith('-') || t.EndsWith('/') || last is "dan" or "serta" or "yang" or "atau" or "di" or "ke" or "dari" or "pada" or "untuk" or "dalam" or "bagi" or "&";
    }

    private void FlushPendingAsHeadings()
    {
        foreach (var (text, line, label, indent) in pendingNames)
        {
            if (label is null)
            {
                continue;
            }

            Items.Add(new BudgetItem
            {
                Name = text,
                Line = line,
                Label = label,
                Indent = indent,
                PrefixLevel = Cells.LevelOfName(text),
                MarkerLevel = marker,
            });
            marker = null;
        }

        pendingNames.Clear();
    }

    public void Finish()
    {
        FlushExplicitRow();
        pendingNames.Clear();
        ResolveLevels();
    }

    /// <summary>Levels by the row's own wording, a "Kegiatan"/"Sub Kegiatan" row before it, the label style and
    /// indentation relative to the rows before it, the table's single-level column header; in that order.</summary>
    private void ResolveLevels()
    {
        var styleLevel = new Dictionary<string, BudgetLevel>();
        BudgetItem? prev = null;
        var history = new List<BudgetItem>();
        foreach (var item in Items)
        {
            var style = item.Label is null ? string.Empty : Cells.LabelStyle(item.Label);
            BudgetLevel level;
            if (item.PrefixLevel is { } p)
            {
                level = p;
            }
            else if (item.Label is null && item.MarkerLevel is null && prev is not null && item.Indent == prev.Indent
                     && history.LastOrDefault(h => h.PrefixLevel is not null) is { PrefixLevel: BudgetLevel.Program }
                     && (prev.PrefixLevel == BudgetLevel.Program || prev.Level == BudgetLevel.Kegiatan))
            {
                // Unnumbered rows without a level word under a "Program ..." row: its kegiatan.
                level = BudgetLevel.Kegiatan;
            }
            else if (item.MarkerLevel is { } m)
            {
                level = m;
            }
            else if (prev is not null && item.Indent > prev.Indent)
            {
                level = Deeper(prev.Level);
            }
            else if (prev is not null && item.Indent < prev.Indent)
            {
                var anchor = history.LastOrDefault(h => h.Indent <= item.Indent);
                level = anchor?.Level ?? BudgetLevel.Program;
            }
            else if (prev is not null && style.Length > 0 && Cells.LabelStyle(prev.Label ?? string.Empty) == style)
            {
                level = prev.Level;
            }
            else if (style.Length > 0 && styleLevel.TryGetValue(style, out var known))
            {
                level = known;
            }
            else if (prev is not null && style.Length > 0 && prev.Label is not null)
            {
                level = Deeper(prev.Level);
            }
            else if (header.NameLevel is { } h)
            {
                level = h;
            }
            else
            {
                level = prev?.Level ?? BudgetLevel.Program;
            }

            item.Level = level;
            if (style.Length > 0)
            {
                styleLevel[style] = level;
            }

            prev = item;
            history.Add(item);
        }
    }

    private static BudgetLevel Deeper(BudgetLevel level) => level switch
    {
        BudgetLevel.Program => BudgetLevel.Kegiatan,
        _ => BudgetLevel.SubKegiatan,
    };
}

/// <summary>Lampiran 2 target table(s): indicators with their restated targets.</summary>
internal sealed class ExplanationTable(Header header, FindingSink findings)
{
    public FindingSink Findings => findings;

    private Cell? indicator;
    private bool rowHasTarget;
    private Cell? lastTarget;
    private readonly RowBuffer explicitRow = new();

    public List<ExplanationTarget> Targets { get; } = [];

    public bool Closed { get; private set; }

    public void Add(Cell cell)
    {
        if (cell.Explicit)
        {
            if (explicitRow.StartsNewRow(cell))
            {
                FlushExplicitRow();
            }

            explicitRow.Add(cell);
            return;
        }

        FlushExplicitRow();
        var text = cell.Text;
        if (cell.Paragraph && text.Length > 60)
        {
            // Running text between rows (an explanation that spilled out of its cell).
            return;
        }

        if (Cells.IsLabel(text) && !(indicator is not null && !rowHasTarget && Cells.LooksLikeTarget(text) && !text.EndsWith('.')))
        {
            FlushPending();
            return;
        }

        if (indicator is not null && !rowHasTarget && Cells.LooksLikeTarget(text))
        {
            Emit(indicator, cell);
            rowHasTarget = true;
            lastTarget = cell;
            return;
        }

        if (indicator is null)
        {
            if (!cell.Paragraph)
            {
                indicator = cell;
                rowHasTarget = false;
            }

            return;
        }

        if (rowHasTarget)
        {
            if (cell.RowStart && !cell.Paragraph)
            {
                indicator = cell;
                rowHasTarget = false;
            }

            return;
        }

        if (cell.RowStart && !cell.Paragraph)
        {
            FlushPending();
            indicator = cell;
            rowHasTarget = false;
            return;
        }

        indicator.Parts.AddRange(cell.Parts);
    }

    private void FlushPending()
    {
        if (indicator is not null && !rowHasTarget && lastTarget is not null)
        {
            // One target cell merged over several rows.
            Emit(indicator, lastTarget);
        }

        indicator = null;
        rowHasTarget = false;
    }

    private void FlushExplicitRow()
    {
        if (explicitRow.Take() is not { } row)
        {
            return;
        }

        Cell? ind = null, target = null, unitCell = null;
        foreach (var c in row)
        {
            var kind = header.KindOf(c);
            if (kind == ColumnKind.Indicator)
            {
                ind = c;
            }
            else if (kind == ColumnKind.Target)
            {
                target = c;
            }
            else if (kind == ColumnKind.Unit)
            {
                unitCell = c;
            }
        }

        if (ind is null || target is null)
        {
            ind = null;
            target = null;
            foreach (var c in row)
            {
                if (ind is null)
                {
                    if (!Cells.IsLabel(c.Text))
                    {
                        ind = c;
                    }
                }
                else if (target is null && Cells.LooksLikeTarget(c.Text))
                {
                    target = c;
                }
            }
        }

        if (ind is not null && target is not null)
        {
            Emit(ind, target, unitCell?.Text);
        }
    }

    private void Emit(Cell ind, Cell target, string? unit = null)
    {
        var value = Numbers.ParseTarget(Text.StripLetterLabel(target.Text), unit, out var ambiguous, out var malformed);
        if (malformed)
        {
            findings.Add("malformed_number", FindingSeverity.Warning, $"target \"{value.Raw}\" memuat spasi yang tersisip di tengah angka; dibaca {Numbers.Indonesian(value.Value)}", target.Line);
        }

        if (ambiguous)
        {
            findings.Add("ambiguous_number", FindingSeverity.Info, $"target \"{value.Raw}\" dapat dibaca dengan dua cara; dibaca {Numbers.Indonesian(value.Value)}", target.Line);
        }

        Targets.Add(new ExplanationTarget(Text.StripItemLabel(ind.Text), value, target.Line));
    }

    public void Finish()
    {
        FlushExplicitRow();
        FlushPending();
    }
}
