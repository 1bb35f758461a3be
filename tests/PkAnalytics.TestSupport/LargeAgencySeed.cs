using Dapper;
using Npgsql;

namespace PkAnalytics.TestSupport;

/// <summary>
/// One very large agency for 2024, inserted with set-based SQL (seconds, not minutes): "Dinas Besar" (id
/// <see cref="AgencyId"/>) with 609 positions (the head under the Bupati, 608 under the head), 620 agreement
/// versions (the head and ten others amended on 1 June), 9 indicator targets and 9 budget lines per agreement
/// (5.580 of each; 5.481 distinct current indicators, every third one realised in TW I at 50 of a target 100),
/// and 2.100 findings. Pages that list per-agency rows must stay bounded on it.
/// </summary>
public static class LargeAgencySeed
{
    public const int AgencyId = 900;
    public const int Year = 2024;
    public const int HeadAgreementId = 9001;
    public const int Agreements = 620;
    public const int CurrentAgreements = 609;
    public const int Findings = 2100;

    public static async Task InsertAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(Sql, commandTimeout: 300);
    }

    private const string Sql = """
        insert into dim_agency (agency_id, name, normalized_name) overriding system value values (900, 'Dinas Besar', 'dinas besar');
        insert into dim_position (position_id, agency_id, title, normalized_title, level, superior_position_id) overriding system value values
            (9000, null, 'BUPATI LUWU TIMUR', 'bupati luwu timur', 'bupati', null),
            (9001, 900, 'KEPALA DINAS BESAR', 'kepala dinas besar', 'eselon_ii', 9000);
        insert into dim_position (position_id, agency_id, title, normalized_title, level, superior_position_id) overriding system value
        select 9001 + p, 900, 'KEPALA BIDANG ' || p || ' DINAS BESAR', 'kepala bidang ' || p || ' dinas besar', 'eselon_iii', 9001
        from generate_series(1, 608) p;
        insert into dim_document (document_id, file_name, source_path, sha256, format, agency_id, line_count, loaded_at) overriding system value values
            (900, 'besar-2024.txt', 'seeds/besar-2024.txt', 'sha-besar', 'txt', 900, 99000, '2024-07-01 02:00:00+00');

        -- Originals: agreement id = position id; amendments of the head and the next ten positions: 10000 + position id.
        insert into agreement (agreement_id, document_id, seq, agency_id, kind, year, effective_from, position_id,
                               superior_position_id, line, signed_on_text, first_party_name, second_party_name) overriding system value
        select p, 900, p - 9000, 900, 'original', 2024, date '2024-01-04', p, case when p = 9001 then 9000 else 9001 end,
               (p - 9000) * 10, 'Malili, 4 Januari 2024', 'PEJABAT ' || (p - 9000), 'ATASAN'
        from generate_series(9001, 9609) p
        union all
        select 10000 + p, 900, 1000 + p - 9000, 900, 'amendment', 2024, date '2024-06-01', p, case when p = 9001 then 9000 else 9001 end,
               50000 + (p - 9000) * 10, 'Malili, 1 Juni 2024', 'PEJABAT ' || (p - 9000), 'ATASAN'
        from generate_series(9001, 9011) p;

        insert into dim_indicator (indicator_id, agency_id, name, normalized_name, unit, polarity, aggregation, category) overriding system value
        select 100000 + (p - 9000) * 10 + k, 900, 'Indikator ' || (p - 9000) || '.' || k, 'indikator ' || (p - 9000) || '.' || k,
               'Persen', 'higher_is_better', 'nilai_akhir', 'other'
        from generate_series(9001, 9609) p, generate_series(1, 9) k;
        insert into fact_indicator_target (agreement_id, seq, indicator_id, objective, target_raw, target_value, target_unit, document_id, line)
        select g.agreement_id, k, 100000 + (g.position_id - 9000) * 10 + k, 'Sasaran ' || k,
               case when g.kind = 'amendment' then '120' else '100' end, case when g.kind = 'amendment' then 120 else 100 end,
               null, 900, g.line + k
        from agreement g, generate_series(1, 9) k where g.agency_id = 900;
        insert into fact_indicator_realisation (indicator_id, year, quarter, value, entered_at)
        select indicator_id, 2024, 1, 50, '2024-04-10 01:00:00+00' from dim_indicator where agency_id = 900 and indicator_id % 3 = 0;

        -- Per position three programs, each with a kegiatan and a sub kegiatan under it.
        insert into dim_program (program_id, level, name, normalized_name, parent_program_id) overriding system value
        select 200000 + (p - 9000) * 10 + j,
               case j % 3 when 1 then 'program' when 2 then 'kegiatan' else 'sub_kegiatan' end,
               'Anggaran ' || (p - 9000) || '.' || j, 'anggaran ' || (p - 9000) || '.' || j,
               case when j % 3 = 1 then null else 200000 + (p - 9000) * 10 + j - 1 end
        from generate_series(9001, 9609) p, generate_series(1, 9) j
        order by 1;
        insert into fact_budget_allocation (agreement_id, seq, program_id, level, amount, funding_source, document_id, line)
        select g.agreement_id, j, 200000 + (g.position_id - 9000) * 10 + j,
               case j % 3 when 1 then 'program' when 2 then 'kegiatan' else 'sub_kegiatan' end,
               1000000 * ((j + 2) / 3), 'APBD', 900, g.line + 20 + j
        from agreement g, generate_series(1, 9) j where g.agency_id = 900;

        insert into finding (document_id, agreement_id, code, severity, message, line)
        select 900, case when n % 2 = 0 then 9001 + n % 609 else null end, 'budget_sum_mismatch', 'warning',
               'Temuan uji nomor ' || n || ': jumlah kegiatan tidak sama dengan programnya', n
        from generate_series(1, 2100) n;
        """;
}
