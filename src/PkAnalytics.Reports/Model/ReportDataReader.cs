using Dapper;
using Npgsql;
using PkAnalytics.Domain.Rules;
using PkAnalytics.Reports.Charts;
using PkAnalytics.Warehouse.ReadModels;
using PkAnalytics.Warehouse.Realisation;

namespace PkAnalytics.Reports.Model;

/// <summary>
/// Reads what a report shows with one viewer's scope, through the dashboard's own read models (same figures, same
/// Domain rules), and draws its charts. Throws <see cref="ReportNotVisibleException"/> when the scope may not see
/// the report.
/// </summary>
public sealed class ReportDataReader(
    NpgsqlDataSource dataSource,
    PerformanceReadModel performance,
    IndicatorSettingsStore settings,
    ReportOptions options,
    TimeProvider? timeProvider = null)
{
    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;

    private const string IndicatorsSql = """
        with ind as (
            select y.* from rm_indicator_year y
            where y.year = @Year
              and (@ScopeAgencyId::int is null or y.agency_id = @ScopeAgencyId)
              and (@AgencyId::int is null or y.agency_id = @AgencyId)
        ),
        cur as (
            select g.agreement_id, g.position_id from agreement_current g
            where g.year = @Year
              and (@ScopeAgencyId::int is null or g.agency_id = @ScopeAgencyId)
              and (@AgencyId::int is null or g.agency_id = @AgencyId)
        ),
        -- The target as written in the document of the highest position (the read model's target_value rule).
        written as (
            select distinct on (t.indicator_id) t.indicator_id, t.target_raw
            from fact_indicator_target t
            join cur g on g.agreement_id = t.agreement_id
            left join dim_position p on p.position_id = g.position_id
            where t.indicator_id in (select indicator_id from ind)
            order by t.indicator_id, position_level_rank(p.level), (t.target_value is null), g.agreement_id, t.seq
        ),
        quarters as (
            select indicator_id,
                   max(value) filter (where quarter = 1) as q1, max(value) filter (where quarter = 2) as q2,
                   max(value) filter (where quarter = 3) as q3, max(value) filter (where quarter = 4) as q4
            from fact_indicator_realisation
            where year = @Year and indicator_id in (select indicator_id from ind)
            group by indicator_id
        )
        select y.agency_id as AgencyId, a.name as Agency, y.indicator_id as IndicatorId, i.name as Indicator, i.unit as Unit,
               w.target_raw as TargetRaw, y.target_value as Target,
               r.q1 as Q1, r.q2 as Q2, r.q3 as Q3, r.q4 as Q4,
               y.realisation as Realisation, y.capaian as Capaian, y.band as Band,
               i.aggregation as Aggregation, i.polarity as Polarity, y.is_sample as IsSample
        from ind y
        join dim_indicator i on i.indicator_id = y.indicator_id
        join dim_agency a on a.agency_id = y.agency_id
        left join written w on w.indicator_id = y.indicator_id
        left join quarters r on r.indicator_id = y.indicator_id
        order by a.name, i.name, y.indicator_id;

        select d.agency_id as AgencyId, a.name as Agency, f.code as Code, f.severity as Severity, count(*)::int as Count
        from finding f
        join dim_document d on d.document_id = f.document_id
        left join dim_agency a on a.agency_id = d.agency_id
        left join agreement g on g.agreement_id = f.agreement_id
        where (g.year is null or g.year = @Year)
          and (@ScopeAgencyId::int is null or d.agency_id = @ScopeAgencyId)
          and (@AgencyId::int is null or d.agency_id = @AgencyId)
        group by 1, 2, 3, 4
        order by a.name nulls last, case f.severity when 'error' then 0 when 'warning' then 1 else 2 end, f.code;

        select f.finding_id as FindingId, f.code as Code, f.severity as Severity, f.message as Message, f.line as Line,
               d.document_id as DocumentId, d.file_name as FileName, d.agency_id as AgencyId, null::text as Agency,
               f.agreement_id as AgreementId, p.title as Position
        from finding f
        join dim_document d on d.document_id = f.document_id
        left join agreement g on g.agreement_id = f.agreement_id
        left join dim_position p on p.position_id = g.position_id
        where @AgencyId::int is not null and d.agency_id = @AgencyId
          and (@ScopeAgencyId::int is null or d.agency_id = @ScopeAgencyId)
          and (g.year is null or g.year = @Year)
        order by case f.severity when 'error' then 0 when 'warning' then 1 else 2 end, d.file_name, f.line, f.finding_id;

        select name from dim_agency where agency_id = @AgencyId;
        select name from dim_agency where agency_id = @ScopeAgencyId;
        """;

    public async Task<ReportData> ReadAsync(ReportRequest request, ViewerScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(scope);
        request.Validate();
        var year = request.Period.Year;

        List<IndicatorLine> indicators;
        List<FindingCount> findingCounts;
        List<FindingRow> findings;
        string? agencyName;
        string? scopeAgencyName;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var grid = await connection.QueryMultipleAsync(new CommandDefinition(IndicatorsSql, new
        {
            Year = year,
            ScopeAgencyId = scope.AgencyId,
            request.AgencyId,
        }, cancellationToken: cancellationToken)))
        {
            indicators = (await grid.ReadAsync<IndicatorLine>()).AsList();
            findingCounts = (await grid.ReadAsync<FindingCount>()).AsList();
            findings = (await grid.ReadAsync<FindingRow>()).AsList();
            agencyName = await grid.ReadSingleOrDefaultAsync<string>();
            scopeAgencyName = await grid.ReadSingleOrDefaultAsync<string>();
        }

        if (request.Kind == ReportKind.Opd && agencyName is null)
        {
            throw new ReportNotVisibleException($"Perangkat daerah {request.AgencyId} tidak ada.");
        }

        if (ReportAccess.Refusal(request, scope, agencyName, scopeAgencyName) is { } refusal)
        {
            throw new ReportNotVisibleException(refusal);
        }

        var agencyIds = request.AgencyId is { } id ? new[] { id } : null;
        var snapshot = await performance.ReadAsync(scope, year, agencyIds, cancellationToken, programsByAgency: false);
        var today = DateOnly.FromDateTime(LocalNow().DateTime);
        var bandDate = request.Period.LastDay < today ? request.Period.LastDay : today;
        var bands = await settings.BandSetOnAsync(new DateOnly(year, 12, 31) < bandDate ? new DateOnly(year, 12, 31) : bandDate, cancellationToken);
        var model = RegencyPerformance.From(snapshot, bands);
        var programs = model.Programs.Select(p => new ProgramLine(p.Program, p.Amount, p.Realised)).ToList();

        var charts = DrawCharts(request.Kind, model, programs, indicators);
        var expectedTables = new Dictionary<string, int>
        {
            ["opd"] = model.Agencies.Count,
            ["anggaran"] = programs.Count,
            ["indikator"] = indicators.Count,
            ["perhatian"] = model.NeedingAttention.Count,
            ["temuan-ringkas"] = findingCounts.Count,
        };
        if (request.Kind == ReportKind.Opd)
        {
            expectedTables["temuan"] = findings.Count;
        }

        var hasSample = model.HasSampleData || indicators.Any(i => i.IsSample && i.Realisation is not null);
        return new ReportData
        {
            Request = request,
            Scope = scope,
            Title = request.Kind == ReportKind.Kabupaten ? "Laporan Kinerja Kabupaten Luwu Timur" : $"Laporan Kinerja {agencyName}",
            AgencyName = agencyName,
            Year = year,
            GeneratedAt = LocalNow(),
            ZoneAbbreviation = ZoneAbbreviation(),
            LastDocumentLoadedAt = ToLocal(snapshot.Freshness.LastDocumentLoadedAt),
            LastRealisationAt = ToLocal(model.LastRealisationAt),
            Performance = model,
            Programs = programs,
            Indicators = indicators,
            FindingCounts = findingCounts,
            Findings = findings,
            HasSampleData = hasSample,
            Charts = charts,
            ExpectedTables = expectedTables.Where(t => t.Value > 0).ToDictionary(),
        };
    }

    /// <summary>The charts of the report (SVG), with the number of bars each has; a chart without bars is not drawn.</summary>
    private static Dictionary<string, ReportChart> DrawCharts(ReportKind kind, RegencyPerformance model, IReadOnlyList<ProgramLine> programs, IReadOnlyList<IndicatorLine> indicators)
    {
        var charts = new Dictionary<string, ReportChart>();
        void Add(string key, string title, Func<ScottPlot.Plot> draw, int bars)
        {
            charts[key] = new ReportChart(key, title, bars > 0 ? ReportCharts.Svg(draw(), ReportCharts.HeightFor(bars)) : "", bars);
        }

        if (kind == ReportKind.Kabupaten)
        {
            var sakip = SakipPoints(model);
            Add("sakip", "Nilai SAKIP per Perangkat Daerah", () => ReportCharts.HorizontalBars(sakip, "Nilai SAKIP", 112), sakip.Count);
            var ikm = IkmPoints(model);
            Add("ikm", "IKM per Perangkat Daerah", () => ReportCharts.HorizontalBars(ikm, "Nilai IKM", 112), ikm.Count);
        }
        else if (model.Agencies.FirstOrDefault() is { } agency)
        {
            var components = SakipComponentPoints(agency);
            Add("sakip", "Komponen Nilai SAKIP", () => ReportCharts.Columns(components, "Nilai", 30), components.Count);
        }

        var bandPoints = BandPoints(model);
        var withCapaian = indicators.Count(i => i.Capaian is not null);
        Add("capaian", "Distribusi Capaian Indikator", () => ReportCharts.Columns(bandPoints, "Indikator"), withCapaian > 0 ? bandPoints.Count : 0);
        var top = programs.Where(p => p.Amount > 0 || p.Realised > 0).Take(ProgramChartSize).Select(p => (p.Program, p.Amount, p.Realised)).ToList();
        Add("anggaran", "Anggaran dan Realisasi per Program (juta Rp)", () => ReportCharts.BudgetBars(top), top.Count);
        return charts;
    }

    public const int ProgramChartSize = 10;

    public static IReadOnlyList<BarPoint> SakipPoints(RegencyPerformance model) =>
        model.Agencies.Where(a => a.SakipScore is not null)
            .Select(a => new BarPoint(a.Name, (double)a.SakipScore!.Value, PerformanceColors.Sakip(a.SakipPredicate),
                Warehouse.ReadModels.IndonesianFormat.Number(a.SakipScore) + " " + a.SakipPredicate)).ToList();

    public static IReadOnlyList<BarPoint> IkmPoints(RegencyPerformance model) =>
        model.Agencies.Where(a => a.Row.IkmValue is not null)
            .Select(a => new BarPoint(a.Name, (double)a.Row.IkmValue!.Value, PerformanceColors.Ikm(a.IkmCategory?.Code),
                Warehouse.ReadModels.IndonesianFormat.Number(a.Row.IkmValue) + " " + a.IkmCategory?.Code)).ToList();

    public static IReadOnlyList<BarPoint> BandPoints(RegencyPerformance model) =>
        model.Bands.Select((b, i) => new BarPoint(b.Band, b.Count, PerformanceColors.Band(i, model.Bands.Count))).ToList();

    private static IReadOnlyList<BarPoint> SakipComponentPoints(AgencyPerformance agency)
    {
        var row = agency.Row;
        if (row is not { SakipPerencanaan: { } p1, SakipPengukuran: { } p2, SakipPelaporan: { } p3, SakipEvaluasi: { } p4 })
        {
            return [];
        }

        var fill = PerformanceColors.Sakip(agency.SakipPredicate);
        return
        [
            new BarPoint("Perencanaan (30)", (double)p1, fill, Warehouse.ReadModels.IndonesianFormat.Number(p1)),
            new BarPoint("Pengukuran (30)", (double)p2, fill, Warehouse.ReadModels.IndonesianFormat.Number(p2)),
            new BarPoint("Pelaporan (15)", (double)p3, fill, Warehouse.ReadModels.IndonesianFormat.Number(p3)),
            new BarPoint("Evaluasi (25)", (double)p4, fill, Warehouse.ReadModels.IndonesianFormat.Number(p4)),
        ];
    }

    private TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);

    private DateTimeOffset LocalNow() => TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone);

    private DateTimeOffset? ToLocal(DateTime? utc) =>
        utc is { } u ? TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(u, DateTimeKind.Utc)), Zone) : null;

    private string ZoneAbbreviation() => options.TimeZone switch
    {
        "Asia/Makassar" => "WITA",
        "Asia/Jakarta" or "Asia/Pontianak" => "WIB",
        "Asia/Jayapura" => "WIT",
        _ => "UTC" + Zone.BaseUtcOffset.ToString(@"\+hh\:mm", System.Globalization.CultureInfo.InvariantCulture),
    };
}
