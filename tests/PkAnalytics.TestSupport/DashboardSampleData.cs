using Dapper;
using Npgsql;

namespace PkAnalytics.TestSupport;

/// <summary>
/// A small, hand-checked star for dashboard read-model and page tests (year 2024), inserted with SQL:
/// <list type="bullet">
/// <item>Dinas Alfa (id 1): head (original 4 Jan, amended 1 Jun) -> Sekretaris -> Kasubag; SAKIP 81,10 (A) over
/// a target of 75; IKM units 80 and 82 (81, B); budget program P1 Rp 1.200.000 (after the amendment), realised
/// Rp 300.000 (the Sekretaris restates a sub kegiatan without its program, the Kasubag lists one whose program is
/// unknown: neither adds to the budget); capaian: Jumlah Dokumen 60 / 120 = 50 (Sangat Rendah), Angka Kemiskinan 12 vs 10 lower-is-better
/// = 80 (Tinggi), Nilai SAKIP 76 / 75 = 101,33 (Sangat Tinggi), IKM indicator without realisation.</item>
/// <item>Dinas Beta (id 2): head only; SAKIP 65 (B) under its target 80; IKM 70 (C); P1 Rp 500.000 and P2
/// Rp 300.000.</item>
/// <item>Kecamatan Gamma (id 3): loaded as an agency but without any agreement or evaluation.</item>
/// <item>Findings: one target_mismatch (warning, Alfa, line 326), one budget_sum_mismatch (warning, Beta, line 80),
/// one ambiguous_number (info, Beta, line 12).</item>
/// </list>
/// </summary>
public static class DashboardSampleData
{
    public const int AlfaId = 1;
    public const int BetaId = 2;
    public const int GammaId = 3;
    public const int Year = 2024;

    public static async Task InsertAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(Sql);
    }

    private const string Sql = """
        insert into dim_agency (agency_id, name, normalized_name) overriding system value values
            (1, 'Dinas Alfa', 'dinas alfa'), (2, 'Dinas Beta', 'dinas beta'), (3, 'Kecamatan Gamma', 'kecamatan gamma');
        insert into dim_official (official_id, name, normalized_name) overriding system value values
            (1, 'BUPATI SATU', 'bupati satu'), (2, 'KEPALA ALFA', 'kepala alfa'), (3, 'SEKRETARIS ALFA', 'sekretaris alfa'),
            (4, 'KASUBAG ALFA', 'kasubag alfa'), (5, 'KEPALA BETA', 'kepala beta');
        insert into dim_position (position_id, agency_id, title, normalized_title, level, superior_position_id) overriding system value values
            (1, null, 'BUPATI LUWU TIMUR', 'bupati luwu timur', 'bupati', null),
            (2, 1, 'KEPALA DINAS ALFA', 'kepala dinas alfa', 'eselon_ii', 1),
            (3, 1, 'SEKRETARIS DINAS ALFA', 'sekretaris dinas alfa', 'eselon_iii', 2),
            (4, 1, 'KASUBAG UMUM DINAS ALFA', 'kasubag umum dinas alfa', 'eselon_iv', 3),
            (5, 2, 'KEPALA DINAS BETA', 'kepala dinas beta', 'eselon_ii', 1);
        insert into dim_document (document_id, file_name, source_path, sha256, format, agency_id, line_count, loaded_at) overriding system value values
            (1, 'alfa-2024.txt', 'seeds/alfa-2024.txt', 'sha-alfa', 'txt', 1, 900, '2024-07-01 02:00:00+00'),
            (2, 'beta-2024.txt', 'seeds/beta-2024.txt', 'sha-beta', 'txt', 2, 400, '2024-07-02 03:30:00+00');
        insert into agreement (agreement_id, document_id, seq, agency_id, kind, year, effective_from, position_id, official_id,
                               superior_position_id, superior_official_id, line, signed_on_text) overriding system value values
            (1, 1, 1, 1, 'original', 2024, '2024-01-04', 2, 2, 1, 1, 1, 'Malili, 4 Januari 2024'),
            (2, 1, 2, 1, 'amendment', 2024, '2024-06-01', 2, 2, 1, 1, 300, 'Malili, 1 Juni 2024'),
            (3, 1, 3, 1, 'original', 2024, '2024-01-04', 3, 3, 2, 2, 500, 'Malili, 4 Januari 2024'),
            (4, 1, 4, 1, 'original', 2024, '2024-01-04', 4, 4, 3, 3, 700, 'Malili, 4 Januari 2024'),
            (5, 2, 1, 2, 'original', 2024, '2024-01-05', 5, 5, 1, 1, 1, 'Malili, 5 Januari 2024');
        insert into dim_indicator (indicator_id, agency_id, name, normalized_name, unit, polarity, aggregation, category) overriding system value values
            (1, 1, 'Nilai SAKIP', 'nilai sakip', 'Nilai', 'higher_is_better', 'nilai_akhir', 'sakip'),
            (2, 1, 'Indeks Kepuasan Masyarakat', 'indeks kepuasan masyarakat', 'Nilai', 'higher_is_better', 'nilai_akhir', 'ikm'),
            (3, 1, 'Jumlah Dokumen Perencanaan', 'jumlah dokumen perencanaan', 'Dokumen', 'higher_is_better', 'kumulatif', 'other'),
            (4, 1, 'Angka Kemiskinan', 'angka kemiskinan', '%', 'lower_is_better', 'nilai_akhir', 'other'),
            (5, 2, 'Nilai SAKIP', 'nilai sakip', 'Nilai', 'higher_is_better', 'nilai_akhir', 'sakip');
        insert into fact_indicator_target (agreement_id, seq, indicator_id, objective, target_raw, target_value, target_unit, document_id, line) values
            (1, 1, 1, 'Meningkatnya akuntabilitas', '75', 75, null, 1, 57),
            (1, 2, 2, 'Meningkatnya pelayanan', '85', 85, null, 1, 58),
            (1, 3, 3, 'Tersedianya dokumen', '100 Dokumen', 100, 'Dokumen', 1, 59),
            (1, 4, 4, 'Menurunnya kemiskinan', '10%', 10, '%', 1, 60),
            (2, 1, 1, 'Meningkatnya akuntabilitas', '75', 75, null, 1, 357),
            (2, 2, 2, 'Meningkatnya pelayanan', '85', 85, null, 1, 358),
            (2, 3, 3, 'Tersedianya dokumen', '120 Dokumen', 120, 'Dokumen', 1, 359),
            (2, 4, 4, 'Menurunnya kemiskinan', '10%', 10, '%', 1, 360),
            (3, 1, 1, 'Meningkatnya akuntabilitas', '71,25', 71.25, null, 1, 557),
            (4, 1, 3, 'Tersedianya dokumen', '120 Dokumen', 120, 'Dokumen', 1, 757),
            (5, 1, 5, 'Meningkatnya akuntabilitas', '80', 80, null, 2, 40);
        insert into dim_program (program_id, level, name, normalized_name, parent_program_id) overriding system value values
            (1, 'program', 'Program Penunjang Urusan Pemerintahan', 'program penunjang urusan pemerintahan', null),
            (2, 'kegiatan', 'Perencanaan, Penganggaran dan Evaluasi', 'perencanaan penganggaran dan evaluasi', 1),
            (3, 'sub_kegiatan', 'Penyusunan Dokumen Perencanaan', 'penyusunan dokumen perencanaan', 2),
            (4, 'program', 'Program Pemberdayaan Desa', 'program pemberdayaan desa', null),
            (5, 'sub_kegiatan', 'Penyusunan Dokumen Perencanaan', 'penyusunan dokumen perencanaan', null),
            (6, 'sub_kegiatan', 'Penyediaan Gaji dan Tunjangan ASN', 'penyediaan gaji dan tunjangan asn', null);
        insert into fact_budget_allocation (agreement_id, seq, program_id, level, amount, funding_source, document_id, line) values
            (1, 1, 1, 'program', 1000000, 'APBD', 1, 80), (1, 2, 2, 'kegiatan', 600000, 'APBD', 1, 81), (1, 3, 3, 'sub_kegiatan', 600000, 'APBD', 1, 82),
            (2, 1, 1, 'program', 1200000, 'APBD-P', 1, 380), (2, 2, 2, 'kegiatan', 700000, 'APBD-P', 1, 381), (2, 3, 3, 'sub_kegiatan', 700000, 'APBD-P', 1, 382),
            (3, 1, 2, 'kegiatan', 700000, 'APBD', 1, 580), (3, 2, 5, 'sub_kegiatan', 700000, 'APBD', 1, 590),
            (4, 1, 3, 'sub_kegiatan', 700000, 'APBD', 1, 780), (4, 2, 6, 'sub_kegiatan', 50000, 'APBD', 1, 790),
            (5, 1, 1, 'program', 500000, 'APBD', 2, 80), (5, 2, 4, 'program', 300000, 'APBD', 2, 85);
        insert into fact_indicator_realisation (indicator_id, year, quarter, value, entered_at) values
            (3, 2024, 1, 30, '2024-04-10 01:00:00+00'), (3, 2024, 2, 30, '2024-07-10 01:00:00+00'),
            (4, 2024, 2, 12, '2024-07-10 01:00:00+00'), (1, 2024, 4, 76, '2024-12-20 01:00:00+00');
        insert into fact_budget_realisation (agency_id, program_id, year, month, amount, entered_at) values
            (1, 3, 2024, 3, 100000, '2024-04-01 00:00:00+00'), (1, 3, 2024, 6, 200000, '2024-07-01 00:00:00+00');
        insert into fact_sakip_evaluation (agency_id, year, perencanaan, pengukuran, pelaporan, evaluasi) values
            (1, 2024, 25.50, 24.00, 11.85, 19.75), (2, 2024, 20, 20, 10, 15);
        insert into fact_ikm_survey (agency_id, unit_name, year, quarter, respondents, ikm_value) values
            (1, 'Loket A', 2024, null, 100, 80), (1, 'Loket B', 2024, null, 50, 82),
            (1, 'Loket A', 2024, 2, 40, 60),
            (2, '', 2024, null, 80, 70);
        insert into finding (document_id, agreement_id, code, severity, message, line) values
            (1, 1, 'target_mismatch', 'warning', 'Lampiran 2 menyebut 73,35, Lampiran 1 71,25', 326),
            (2, 5, 'budget_sum_mismatch', 'warning', 'Kegiatan berjumlah Rp 450.000, program Rp 500.000', 80),
            (2, null, 'ambiguous_number', 'info', '2,877 dibaca 2877', 12);
        """;
}
