using Dapper;
using Npgsql;

namespace PkAnalytics.TestSupport;

/// <summary>
/// A regency of <see cref="Agencies"/> agencies for 2024 (the synthetic 10.000-document corpus has 1.601), inserted
/// with set-based SQL: each agency "OPD nnnn" with a head under the Bupati, one agreement with two indicators (one
/// realised) and a program budget, a SAKIP evaluation and an IKM survey. The regency pages must stay bounded on it.
/// </summary>
public static class LargeRegencySeed
{
    public const int Agencies = 1600;
    public const int Year = 2024;

    public static async Task InsertAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(Sql, commandTimeout: 300);
    }

    private const string Sql = """
        insert into dim_agency (agency_id, name, normalized_name) overriding system value
        select a, 'OPD ' || lpad(a::text, 4, '0'), 'opd ' || lpad(a::text, 4, '0') from generate_series(1, 1600) a;
        insert into dim_position (position_id, agency_id, title, normalized_title, level, superior_position_id) overriding system value
        values (100000, null, 'BUPATI LUWU TIMUR', 'bupati luwu timur', 'bupati', null);
        insert into dim_position (position_id, agency_id, title, normalized_title, level, superior_position_id) overriding system value
        select a, a, 'KEPALA OPD ' || a, 'kepala opd ' || a, 'eselon_ii', 100000 from generate_series(1, 1600) a;
        insert into dim_document (document_id, file_name, source_path, sha256, format, agency_id, line_count, loaded_at) overriding system value
        select a, 'opd-' || a || '.txt', 'seeds/opd-' || a || '.txt', 'sha-opd-' || a, 'txt', a, 100, '2024-07-01 02:00:00+00'
        from generate_series(1, 1600) a;
        insert into agreement (agreement_id, document_id, seq, agency_id, kind, year, effective_from, position_id,
                               superior_position_id, line, signed_on_text, first_party_name, second_party_name) overriding system value
        select a, a, 1, a, 'original', 2024, date '2024-01-04', a, 100000, 1, 'Malili, 4 Januari 2024', 'KEPALA ' || a, 'BUPATI'
        from generate_series(1, 1600) a;
        insert into dim_indicator (indicator_id, agency_id, name, normalized_name, unit, polarity, aggregation, category) overriding system value
        select a * 10 + k, a, 'Indikator ' || a || '.' || k, 'indikator ' || a || '.' || k, 'Persen', 'higher_is_better', 'nilai_akhir', 'other'
        from generate_series(1, 1600) a, generate_series(1, 2) k;
        insert into fact_indicator_target (agreement_id, seq, indicator_id, objective, target_raw, target_value, target_unit, document_id, line)
        select a, k, a * 10 + k, 'Sasaran', '100', 100, null, a, 10 + k from generate_series(1, 1600) a, generate_series(1, 2) k;
        insert into fact_indicator_realisation (indicator_id, year, quarter, value, entered_at)
        select a * 10 + 1, 2024, 1, 40 + a % 60, '2024-04-10 01:00:00+00' from generate_series(1, 1600) a;
        insert into dim_program (program_id, level, name, normalized_name, parent_program_id) overriding system value
        select a, 'program', 'Program OPD ' || a, 'program opd ' || a, null from generate_series(1, 1600) a;
        insert into fact_budget_allocation (agreement_id, seq, program_id, level, amount, funding_source, document_id, line)
        select a, 1, a, 'program', 1000000 + a * 1000, 'APBD', a, 20 from generate_series(1, 1600) a;
        insert into fact_sakip_evaluation (agency_id, year, perencanaan, pengukuran, pelaporan, evaluasi)
        select a, 2024, 15 + a % 15, 15 + a % 14, 5 + a % 9, 10 + a % 14 from generate_series(1, 1600) a;
        insert into fact_ikm_survey (agency_id, unit_name, year, quarter, respondents, ikm_value)
        select a, '', 2024, null, 50, 60 + a % 40 from generate_series(1, 1600) a;
        """;
}
