using Dapper;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PkAnalytics.Warehouse.Data;
using PkAnalytics.Warehouse.Data.Entities;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Warehouse.Realisation;

/// <summary>A node of an agency's budget (program, kegiatan or sub kegiatan) with its allocation and realisation.</summary>
public sealed class BudgetLineSummary
{
    public int ProgramId { get; init; }
    public int? ParentProgramId { get; init; }
    public string Level { get; init; } = "";
    public string Name { get; init; } = "";
    public decimal Allocation { get; init; }
    public decimal Realised { get; init; }
    public bool HasSample { get; init; }

    /// <summary>Absorption in percent (realised / allocation x 100); null without an allocation.</summary>
    public decimal? AbsorptionPercent => Allocation == 0m ? null : Realised / Allocation * 100m;
}

/// <summary>
/// Budget realisation per month per budget line. Import matches program / kegiatan / sub kegiatan by normalised
/// name within the agency's own budget lines; lines that match nothing are reported and not imported.
/// </summary>
public sealed class BudgetRealisationStore(NpgsqlDataSource dataSource)
{
    private sealed record Node(int ProgramId, int? ParentProgramId, string Level, string Name);

    // Every program node that appears in the agency's agreements (any year): the nomenclature to match against.
    private const string AgencyNodesSql = """
        select distinct p.program_id as ProgramId, p.parent_program_id as ParentProgramId, p.level as Level, p.name as Name
        from fact_budget_allocation b
        join agreement a on a.agreement_id = b.agreement_id
        join dim_program p on p.program_id = b.program_id
        where a.agency_id = @AgencyId and (@ScopeAgencyId::int is null or a.agency_id = @ScopeAgencyId)
        """;

    // Allocation from the current agreements of the year (highest level first when several levels list a line).
    private const string SummarySql = """
        with alloc as (
            select distinct on (b.program_id) b.program_id, b.amount
            from agreement_current a
            join fact_budget_allocation b on b.agreement_id = a.agreement_id
            left join dim_position p on p.position_id = a.position_id
            where a.agency_id = @AgencyId and a.year = @Year
            order by b.program_id,
                     case p.level when 'bupati' then 0 when 'eselon_ii' then 1 when 'eselon_iii' then 2
                                  when 'eselon_iv' then 3 when 'staff' then 4 else 5 end, a.agreement_id desc
        ), real as (
            select program_id, sum(amount) as amount, bool_or(is_sample) as is_sample
            from fact_budget_realisation
            where agency_id = @AgencyId and year = @Year and month <= @UpToMonth
            group by program_id
        )
        select p.program_id as ProgramId, p.parent_program_id as ParentProgramId, p.level as Level, p.name as Name,
               coalesce(alloc.amount, 0) as Allocation, coalesce(real.amount, 0) as Realised,
               coalesce(real.is_sample, false) as HasSample
        from dim_program p
        left join alloc on alloc.program_id = p.program_id
        left join real on real.program_id = p.program_id
        where (alloc.program_id is not null or real.program_id is not null)
          and (@ScopeAgencyId::int is null or @AgencyId = @ScopeAgencyId)
        order by case p.level when 'program' then 0 when 'kegiatan' then 1 else 2 end, p.name
        """;

    public static readonly IReadOnlyList<string> TemplateHeaders =
        ["program", "kegiatan", "sub_kegiatan", "tahun", "bulan", "realisasi"];

    /// <summary>
    /// Allocation and realisation (months 1..<paramref name="upToMonth"/>) of every budget line of the agency. A line
    /// without realisation of its own shows the sum of its children's (realisation is usually entered at the
    /// deepest level: sub kegiatan).
    /// </summary>
    public async Task<IReadOnlyList<BudgetLineSummary>> SummaryAsync(ViewerScope scope, int agencyId, int year, int upToMonth = 12, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<BudgetLineSummary>(new CommandDefinition(SummarySql,
            new { AgencyId = agencyId, Year = year, UpToMonth = upToMonth, ScopeAgencyId = scope.AgencyId }, cancellationToken: cancellationToken))).AsList();
        return RollUp(rows);
    }

    internal static IReadOnlyList<BudgetLineSummary> RollUp(IReadOnlyList<BudgetLineSummary> rows)
    {
        var children = rows.Where(r => r.ParentProgramId is not null).ToLookup(r => r.ParentProgramId!.Value);
        var memo = new Dictionary<int, (decimal Realised, bool Sample)>();
        (decimal, bool) Realised(BudgetLineSummary node, int depth)
        {
            if (memo.TryGetValue(node.ProgramId, out var known))
            {
                return known;
            }

            var result = (node.Realised, node.HasSample);
            if (node.Realised == 0m && depth < 8 && children[node.ProgramId].Any())
            {
                var parts = children[node.ProgramId].Select(c => Realised(c, depth + 1)).ToList();
                result = (parts.Sum(p => p.Item1), parts.Any(p => p.Item2));
            }

            memo[node.ProgramId] = result;
            return result;
        }

        return rows.Select(r =>
        {
            var (realised, sample) = Realised(r, 0);
            return new BudgetLineSummary
            {
                ProgramId = r.ProgramId, ParentProgramId = r.ParentProgramId, Level = r.Level, Name = r.Name,
                Allocation = r.Allocation, Realised = realised, HasSample = sample,
            };
        }).ToList();
    }

    /// <summary>Template pre-filled with the agency's budget lines (program / kegiatan / sub kegiatan) for a month.</summary>
    public async Task<byte[]> TemplateAsync(ViewerScope scope, int agencyId, int year, int month, bool xlsx, CancellationToken cancellationToken = default)
    {
        var nodes = await NodesAsync(scope, agencyId, cancellationToken);
        var byId = nodes.ToDictionary(n => n.ProgramId);
        string NameOf(int? id) => id is { } i && byId.TryGetValue(i, out var n) ? n.Name : "";
        var rows = new List<IReadOnlyList<string>>();
        foreach (var node in nodes.OrderBy(n => PathOf(n, byId)))
        {
            var (program, kegiatan, sub) = node.Level switch
            {
                "program" => (node.Name, "", ""),
                "kegiatan" => (NameOf(node.ParentProgramId), node.Name, ""),
                _ => (NameOf(byId.TryGetValue(node.ParentProgramId ?? 0, out var k) ? k.ParentProgramId : null), NameOf(node.ParentProgramId), node.Name),
            };
            rows.Add([program, kegiatan, sub, year.ToString(System.Globalization.CultureInfo.InvariantCulture), month.ToString(System.Globalization.CultureInfo.InvariantCulture), ""]);
        }

        return xlsx ? TabularFile.WriteXlsx("Realisasi Anggaran", TemplateHeaders, rows) : TabularFile.WriteCsv(TemplateHeaders, rows);
    }

    private static string PathOf(Node node, Dictionary<int, Node> byId)
    {
        var parts = new List<string>();
        for (Node? n = node; n is not null; n = n.ParentProgramId is { } p && byId.TryGetValue(p, out var parent) ? parent : null)
        {
            parts.Insert(0, n.Name);
        }

        return string.Join(" / ", parts);
    }

    private async Task<List<Node>> NodesAsync(ViewerScope scope, int agencyId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Node>(new CommandDefinition(AgencyNodesSql,
            new { AgencyId = agencyId, ScopeAgencyId = scope.AgencyId }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>
    /// Imports monthly budget realisation (amount realised in that month). A malformed cell (number, year, month,
    /// duplicate line) refuses the whole file with its row and column. Lines whose program / kegiatan / sub kegiatan
    /// match nothing in the agency are listed in <see cref="ImportResult.Unmatched"/> and skipped; the others are
    /// written in one transaction. Re-importing the same file changes nothing.
    /// </summary>
    public async Task<ImportResult> ImportAsync(ViewerScope scope, int agencyId, Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        if (IndicatorRealisationStore.Refusal(scope, agencyId) is { } refused)
        {
            return refused;
        }

        TabularData data;
        try
        {
            data = TabularFile.Read(content, fileName, "realisasi", "sub_kegiatan", "bulan");
        }
        catch (TabularFormatException e)
        {
            return ImportResult.Refused(e.Message);
        }

        int programCol = data.Column("program"), kegiatanCol = data.Column("kegiatan"),
            subCol = data.Column("sub_kegiatan", "sub kegiatan", "subkegiatan"), yearCol = data.Column("tahun"),
            monthCol = data.Column("bulan"), amountCol = data.Column("realisasi", "jumlah", "nilai");
        var missing = new List<string>();
        if (programCol < 0 && kegiatanCol < 0 && subCol < 0) missing.Add("program / kegiatan / sub_kegiatan");
        if (yearCol < 0) missing.Add("tahun");
        if (monthCol < 0) missing.Add("bulan");
        if (amountCol < 0) missing.Add("realisasi");
        if (missing.Count > 0)
        {
            return ImportResult.Refused([new ImportError(1, "judul kolom", "Kolom tidak ditemukan: " + string.Join(", ", missing) + ". Gunakan templat dari dasbor.")]);
        }

        var nodes = await NodesAsync(scope, agencyId, cancellationToken);
        var matcher = new BudgetMatcher(nodes.Select(n => (n.ProgramId, n.ParentProgramId, n.Level, n.Name)));
        var errors = new List<ImportError>();
        var unmatched = new List<UnmatchedLine>();
        var lines = new List<(int ProgramId, int Year, int Month, decimal Amount)>();
        var seen = new Dictionary<(int, int, int), int>();
        foreach (var row in data.Rows)
        {
            var before = errors.Count;
            void Fail(int column, string message) => errors.Add(new ImportError(row.RowNumber, data.Describe(column), message));
            string Text(int column) => column >= 0 ? row[column].Text : "";

            if (!int.TryParse(row[yearCol].Text, out var year) || year is < 2015 or > 2040)
            {
                Fail(yearCol, $"Tahun '{row[yearCol].Text}' tidak sah (2015-2040).");
            }

            var month = ParseMonth(row[monthCol].Text);
            if (month is null)
            {
                Fail(monthCol, $"Bulan '{row[monthCol].Text}' tidak sah (1-12 atau nama bulan).");
            }

            decimal amount = 0;
            if (row[amountCol].IsBlank)
            {
                Fail(amountCol, "Realisasi kosong.");
            }
            else if (!NumberCell.TryParse(row[amountCol], out amount, out var numberError))
            {
                Fail(amountCol, numberError!);
            }
            else if (amount < 0m)
            {
                Fail(amountCol, "Realisasi tidak boleh negatif.");
            }

            if (errors.Count > before)
            {
                continue;
            }

            var match = matcher.Match(Text(programCol), Text(kegiatanCol), Text(subCol));
            if (match.ProgramId is not { } programId)
            {
                unmatched.Add(new UnmatchedLine(row.RowNumber, Text(programCol), Text(kegiatanCol), Text(subCol), match.Reason!));
                continue;
            }

            if (seen.TryGetValue((programId, year, month!.Value), out var firstRow))
            {
                Fail(amountCol, $"Baris anggaran dan bulan yang sama sudah ada di baris {firstRow}.");
                continue;
            }

            seen[(programId, year, month.Value)] = row.RowNumber;
            lines.Add((programId, year, month.Value, amount));
        }

        // A line and one of its ancestors in the same month would be counted twice in every total.
        var parentOf = nodes.ToDictionary(n => n.ProgramId, n => n.ParentProgramId);
        foreach (var ((programId, year, month), row) in seen)
        {
            for (var up = parentOf.GetValueOrDefault(programId); up is { } ancestor; up = parentOf.GetValueOrDefault(ancestor))
            {
                if (seen.TryGetValue((ancestor, year, month), out var ancestorRow))
                {
                    errors.Add(new ImportError(row, data.Describe(amountCol),
                        $"Baris {ancestorRow} sudah mengisi tingkat di atasnya untuk bulan yang sama; isi realisasi pada satu tingkat saja agar tidak terhitung dua kali."));
                    break;
                }
            }
        }

        if (errors.Count > 0)
        {
            return ImportResult.Refused(errors.OrderBy(e => e.Row).ToList());
        }

        var changed = lines.Count == 0 ? 0
            : await WarehouseDbContext.RetryOnConflictAsync(() => WriteAsync(scope, agencyId, lines, fileName, cancellationToken));
        return new ImportResult(lines.Count, changed, [], unmatched);
    }

    /// <summary>Writes only the months whose amount differs from what is stored (one transaction); returns the rows written.</summary>
    private async Task<int> WriteAsync(ViewerScope scope, int agencyId, IReadOnlyList<(int ProgramId, int Year, int Month, decimal Amount)> lines, string fileName, CancellationToken cancellationToken)
    {
        await using var db = WarehouseDbContext.Create(dataSource, scope, agencyId);
        db.AuditLog.Add(AuditEntry.Import(scope.Actor, agencyId, fileName, lines.Count));
        var enteredBy = scope.Actor;
        var programIds = lines.Select(l => l.ProgramId).Distinct().ToList();
        var years = lines.Select(l => l.Year).Distinct().ToList();
        var stored = await db.BudgetRealisations
            .Where(r => r.AgencyId == agencyId && programIds.Contains(r.ProgramId) && years.Contains(r.Year))
            .ToDictionaryAsync(r => (r.ProgramId, r.Year, r.Month), cancellationToken);
        foreach (var line in lines)
        {
            if (!stored.TryGetValue((line.ProgramId, line.Year, line.Month), out var row))
            {
                db.BudgetRealisations.Add(new BudgetRealisation
                {
                    AgencyId = agencyId, ProgramId = line.ProgramId, Year = line.Year, Month = line.Month, Amount = line.Amount,
                    EnteredBy = enteredBy, EnteredAt = DateTime.UtcNow,
                });
            }
            else if (row.Amount != line.Amount || row.IsSample)
            {
                (row.Amount, row.IsSample, row.EnteredBy, row.EnteredAt) = (line.Amount, false, enteredBy, DateTime.UtcNow);
            }
        }

        return await db.SaveChangesAsync(cancellationToken);
    }

    private static readonly string[] MonthNames =
        ["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember"];

    internal static int? ParseMonth(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (int.TryParse(t, out var m))
        {
            return m is >= 1 and <= 12 ? m : null;
        }

        for (var i = 0; i < MonthNames.Length; i++)
        {
            if (t.Length >= 3 && MonthNames[i].StartsWith(t, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return null;
    }
}

/// <summary>
/// Matches a program / kegiatan / sub kegiatan triple to a node of the agency's budget by normalised name. The
/// deepest filled level is the line; higher levels, when filled, must be its ancestors.
/// </summary>
public sealed class BudgetMatcher
{
    private readonly List<(int Id, int? Parent, string Level, string Key)> nodes;

    public BudgetMatcher(IEnumerable<(int ProgramId, int? ParentProgramId, string Level, string Name)> nodes) =>
        this.nodes = nodes.Select(n => (n.ProgramId, n.ParentProgramId, n.Level, NameNormalizer.Normalize(n.Name))).ToList();

    public (int? ProgramId, string? Reason) Match(string program, string kegiatan, string subKegiatan)
    {
        var levels = new[] { ("program", program), ("kegiatan", kegiatan), ("sub_kegiatan", subKegiatan) }
            .Where(l => !string.IsNullOrWhiteSpace(l.Item2)).ToList();
        if (levels.Count == 0)
        {
            return (null, "Program, kegiatan dan sub kegiatan kosong.");
        }

        int? parent = null;
        var parentKnown = false;
        foreach (var (level, name) in levels)
        {
            var key = NameNormalizer.Normalize(name);
            var candidates = nodes.Where(n => n.Level == level && n.Key == key).ToList();
            if (parentKnown && candidates.Count > 1)
            {
                candidates = candidates.Where(n => n.Parent == parent).ToList();
            }
            else if (parentKnown && candidates.Count == 1 && candidates[0].Parent is { } p && p != parent)
            {
                return (null, $"{Label(level)} '{name}' tidak berada di bawah baris sebelumnya.");
            }

            if (candidates.Count == 0)
            {
                return (null, $"{Label(level)} '{name}' tidak ditemukan pada anggaran perangkat daerah ini.");
            }

            if (candidates.Select(c => c.Id).Distinct().Count() > 1)
            {
                return (null, $"{Label(level)} '{name}' ambigu; isi juga program dan kegiatannya.");
            }

            parent = candidates[0].Id;
            parentKnown = true;
        }

        return (parent, null);
    }

    private static string Label(string level) => level switch
    {
        "program" => "Program",
        "kegiatan" => "Kegiatan",
        _ => "Sub kegiatan",
    };
}
